package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How a run failed: the Ion error kind ({@code lex parse type name runtime limit
 * cancelled}, or {@code internal} when the server failed rather than the script), its message, 1-based position (0 when unknown) and the Ion stack trace,
 * innermost call first. A compile error also lists every problem found in {@code errors}
 * (the first of which is the error itself), as {@code ion check} reports them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunError(String kind, String message, int line, int column, List<TraceFrame> trace,
                       List<Problem> errors) {
    /** One compile problem: its kind ({@code lex parse type name}), message and 1-based position. */
    public record Problem(String kind, String message, int line, int column) {
    }

    /** One Ion call frame. */
    public record TraceFrame(String function, int line, int column) {
    }
}
