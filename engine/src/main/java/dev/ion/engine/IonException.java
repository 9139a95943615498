package dev.ion.engine;

import java.util.List;

/**
 * Every failure an Ion script can produce: compile errors, runtime errors, limit
 * violations and cancellation. Host functions throw {@link #runtime(String)} to
 * raise a catchable Ion error.
 */
public class IonException extends RuntimeException {

    /** One line of an Ion stack trace: the function and where it was executing. */
    public record TraceEntry(String function, int line, int column) {
        @Override
        public String toString() {
            return "at " + function + " (" + line + ":" + column + ")";
        }
    }

    /** One problem of a compile error report. */
    public record Problem(ErrorKind kind, String message, int line, int column, int length) {
    }

    private final ErrorKind kind;
    private final int line;
    private final int column;
    private List<TraceEntry> trace;
    private final List<Problem> problems;

    public IonException(ErrorKind kind, String message, int line, int column) {
        this(kind, message, line, column, List.of(), List.of());
    }

    public IonException(ErrorKind kind, String message, int line, int column,
                        List<TraceEntry> trace, List<Problem> problems) {
        super(message, null, false, false);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.trace = List.copyOf(trace);
        this.problems = List.copyOf(problems);
    }

    /** A catchable runtime error; the VM fills in the position where it was raised. */
    public static IonException runtime(String message) {
        return new IonException(ErrorKind.RUNTIME, message, 0, 0);
    }

    public static IonException type(String message) {
        return new IonException(ErrorKind.TYPE, message, 0, 0);
    }

    public static IonException name(String message) {
        return new IonException(ErrorKind.NAME, message, 0, 0);
    }

    public static IonException limit(String name, Object value) {
        return new IonException(ErrorKind.LIMIT, "limit exceeded: " + name + " (" + value + ")", 0, 0);
    }

    /**
     * A failure of the engine itself, not of the script. Its message never names the Java
     * exception behind it: users see only that the fault is Ion's, not theirs.
     */
    public static IonException internal() {
        return new IonException(ErrorKind.RUNTIME, "internal error", 0, 0);
    }

    public static IonException cancelled() {
        return new IonException(ErrorKind.CANCELLED, "run was cancelled", 0, 0);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** 1-based line of the error, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The Ion call stack at the point of a runtime error, innermost first. */
    public List<TraceEntry> trace() {
        return trace;
    }

    /** Every problem of a compile error (the first is this exception's own position). */
    public List<Problem> problems() {
        return problems.isEmpty()
                ? List.of(new Problem(kind, getMessage(), line, column, 1))
                : problems;
    }

    /** True for a compile error (lex, parse, name or type problems found before the script ran). */
    public boolean isCompileError() {
        return !problems.isEmpty();
    }

    /** The same error at a known position, used when a host error crosses into the VM. */
    public IonException at(int line, int column, List<TraceEntry> trace) {
        return new IonException(kind, getMessage(), line, column, trace, problems);
    }

    @Override
    public String toString() {
        return (line > 0 ? line + ":" + column + ": " : "") + kind.label() + ": " + getMessage();
    }
}
