package dev.ion.client;

import dev.ion.protocol.RunError;

import java.util.List;

/**
 * A run that ended in an error of the script (compile or runtime error, a limit, a
 * cancellation): what {@link IonClient#runOrThrow} and a stream's {@code onError} report.
 * {@link #result()} is the whole finished run, output included.
 */
public class ScriptFailedException extends IonClientException {
    private final RunResult result;

    public ScriptFailedException(RunResult result) {
        super(describe(result), 0, null, null);
        this.result = result;
    }

    private static String describe(RunResult r) {
        RunError e = r.error();
        if (e == null) return "run " + r.id() + " " + r.status().wire();
        return e.line() > 0 ? e.line() + ":" + e.column() + ": " + e.kind() + ": " + e.message()
                : e.kind() + ": " + e.message();
    }

    public RunResult result() {
        return result;
    }

    /** {@code lex parse type name runtime limit cancelled internal}. */
    public String kind() {
        return result.error() == null ? result.status().wire() : result.error().kind();
    }

    /** The error's own message, without position or kind. */
    public String errorMessage() {
        return result.error() == null ? "" : result.error().message();
    }

    /** 1-based line, 0 when the error has no position. */
    public int line() {
        return result.error() == null ? 0 : result.error().line();
    }

    /** 1-based column, 0 when the error has no position. */
    public int column() {
        return result.error() == null ? 0 : result.error().column();
    }

    /** The Ion call stack, innermost first (empty for compile errors). */
    public List<RunError.TraceFrame> trace() {
        return result.error() == null || result.error().trace() == null ? List.of() : result.error().trace();
    }

    /** Every problem of a compile error (the first is the error itself); empty for a runtime error. */
    public List<RunError.Problem> problems() {
        return result.error() == null || result.error().errors() == null ? List.of() : result.error().errors();
    }

    /** True when the script did not compile (its problems are in {@link #problems()}). */
    public boolean compileError() {
        return result.error() != null && result.error().errors() != null;
    }
}
