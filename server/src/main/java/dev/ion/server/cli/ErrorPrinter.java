package dev.ion.server.cli;

import dev.ion.engine.IonException;
import dev.ion.protocol.RunError;

import java.io.PrintWriter;

/**
 * Prints Ion errors as {@code file:line:col: kind: message}, followed by the source line with a caret
 * under the problem, for every problem of a compile error and, for runtime errors, the Ion stack trace.
 * An error reported by a server ({@code ion submit}) prints the same way as one raised here.
 */
public final class ErrorPrinter {
    private final PrintWriter err;

    public ErrorPrinter(PrintWriter err) {
        this.err = err;
    }

    /** Prints every problem of a compile error. */
    void compileError(SourceMap map, IonException e) {
        for (IonException.Problem p : e.problems()) {
            located(map, p.line(), p.column(), p.length(), p.kind().label(), p.message());
        }
        err.flush();
    }

    /** Prints a runtime error (including limit and cancellation errors) with its stack trace. */
    void runtimeError(SourceMap map, IonException e) {
        located(map, e.line(), e.column(), 1, e.kind().label(), e.getMessage());
        for (IonException.TraceEntry t : e.trace()) traceLine(map, t.function(), t.line(), t.column());
        err.flush();
    }

    /**
     * Prints a run's error as a server reported it: every problem of a compile error, or the
     * error and its Ion stack trace. The server sends no problem lengths, so carets are one wide.
     */
    void runError(SourceMap map, RunError e) {
        if (e.errors() != null && !e.errors().isEmpty()) {
            for (RunError.Problem p : e.errors()) located(map, p.line(), p.column(), 1, p.kind(), p.message());
        } else {
            located(map, e.line(), e.column(), 1, e.kind(), e.message());
            if (e.trace() != null) {
                for (RunError.TraceFrame t : e.trace()) traceLine(map, t.function(), t.line(), t.column());
            }
        }
        err.flush();
    }

    private void traceLine(SourceMap map, String function, int line, int column) {
        SourceMap.Origin o = map.origin(line);
        String where = o.line() > 0 ? o.name() + ":" + o.line() + ":" + column : o.name();
        err.println("    at " + function + " (" + where + ")");
    }

    /**
     * A failure of the host rather than of the script (a bug in the engine or the CLI): one line
     * without Java names, the stack trace only with {@code ION_DEBUG} set.
     */
    void internalError(String name, Throwable t) {
        err.println(name + ": internal error: " + dev.ion.protocol.UserText.clean(t.getMessage(), "unexpected failure"));
        if (System.getenv("ION_DEBUG") != null) t.printStackTrace(err);
        err.flush();
    }

    private void located(SourceMap map, int line, int column, int length, String kind, String message) {
        SourceMap.Origin o = map.origin(line);
        if (o.line() <= 0) {
            err.println(o.name() + ": " + kind + ": " + message);
            return;
        }
        err.println(o.name() + ":" + o.line() + ":" + column + ": " + kind + ": " + message);
        String number = Integer.toString(o.line());
        String gutter = " ".repeat(number.length());
        err.println(" " + number + " | " + o.text());
        err.println(" " + gutter + " | " + caretLine(o.text(), column, length));
    }

    /**
     * A line with {@code ^} under 1-based code-point {@code column} of {@code text} and {@code ~} under the
     * rest of the problem ({@code length} UTF-16 chars, cut at the end of the line); tabs are kept so the
     * caret lines up.
     */
    static String caretLine(String text, int column, int length) {
        int points = text.codePointCount(0, text.length());
        int startPoint = Math.max(0, Math.min(column - 1, points));
        int start = text.offsetByCodePoints(0, startPoint);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < start; i = text.offsetByCodePoints(i, 1)) {
            sb.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        sb.append('^');
        int end = Math.min(text.length(), start + Math.max(1, length));
        int extra = end > start ? text.codePointCount(start, end) - 1 : 0;
        sb.append("~".repeat(Math.max(0, extra)));
        return sb.toString();
    }
}
