package dev.ion.engine.lex;

/**
 * One token with its position, as produced by the {@link Scanner}. {@code value} holds the
 * decoded literal: a {@link Long} for INT, {@link Double} for FLOAT, {@link String} for STRING
 * and IDENT, {@code byte[]} for BYTES, {@code List<FStringPart>} for FSTRING, and the label name
 * (without the quote) for LABEL. {@code line} and {@code column} are 1-based (columns count
 * Unicode code points); {@code offset} and {@code length} are in UTF-16 chars of the source.
 */
public record Token(TokenType type, String lexeme, Object value, int line, int column, int offset, int length) {

    /** The source offset just past this token. */
    public int end() {
        return offset + length;
    }

    /** A short description for error messages: {@code 'x'}, {@code string literal} or {@code end of input}. */
    public String describe() {
        switch (type) {
            case EOF:
                return lexeme.isEmpty() ? "end of input" : "'" + lexeme + "'";
            case STRING:
                return "string literal";
            case FSTRING:
                return "f-string";
            case BYTES:
                return "bytes literal";
            default:
                String text = lexeme.length() > 30 ? lexeme.substring(0, 30) + "…" : lexeme;
                return "'" + text + "'";
        }
    }

    @Override
    public String toString() {
        return type + "(" + lexeme + ")@" + line + ":" + column;
    }
}
