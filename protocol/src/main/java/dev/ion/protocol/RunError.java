package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How a run failed: the Ion error kind ({@code lex parse type name runtime limit
 * cancelled}), its message, 1-based position (0 when unknown) and the Ion stack trace,
 * innermost call first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunError(String kind, String message, int line, int column, List<TraceFrame> trace) {
    /** One Ion call frame. */
    public record TraceFrame(String function, int line, int column) {
    }
}
