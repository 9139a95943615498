package dev.ion.engine.parse;

/** A source region: 1-based line and column of its start, and its length in characters (at least 1). */
public record Span(int line, int column, int offset, int length) {
    public static final Span NONE = new Span(0, 0, 0, 0);

    /** The region from the start of this span to the end of {@code other}. */
    public Span to(Span other) {
        int end = Math.max(offset + length, other.offset + other.length);
        return new Span(line, column, offset, Math.max(1, end - offset));
    }
}
