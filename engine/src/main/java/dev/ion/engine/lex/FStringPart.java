package dev.ion.engine.lex;

import java.util.List;

/**
 * One piece of an f-string token: either decoded literal {@code text} (with {@code tokens}
 * null) or an embedded {@code {expression}} whose {@code tokens} were scanned from the original
 * source (so their positions are already right) and end with an EOF token placed on the closing
 * brace. {@code source} is the raw text between the braces. Position fields locate the piece.
 */
public record FStringPart(String text, List<Token> tokens, String source, int line, int column, int offset,
                          int length) {

    public boolean isExpression() {
        return tokens != null;
    }
}
