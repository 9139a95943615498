package dev.ion.engine.parse;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.lex.Token;
import dev.ion.engine.lex.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state one parse shares between its pieces ({@link Parser}, {@link ExprParser},
 * {@link ControlParser}, {@link PatternParser}): the token stream, the problems found so far
 * and the nesting depth that keeps every recursive descent bounded (so no input can
 * overflow the Java stack, and the tree handed to later passes is never deeper than
 * {@link #MAX_DEPTH} levels).
 */
final class Cursor {
    /** Most nested constructs open at once (expressions, blocks, patterns, types, f-string parts). */
    static final int MAX_DEPTH = 1000;
    /** Parsing stops after this many problems. */
    static final int MAX_PROBLEMS = 100;

    private List<Token> tokens;
    private int pos;
    private Token prev;
    int depth;
    /**
     * True while parsing an expression that a block follows ({@code if}/{@code while} conditions, {@code match}
     * subjects, {@code for} iterables): there <code>Name {</code> does not start a struct literal (as in Rust). Delimited
     * sub-expressions (parentheses, brackets, braces, call arguments) clear it again.
     */
    boolean noStruct;

    /** Runs {@code part} with struct literals allowed ({@code false}) or not ({@code true}), then restores the mode. */
    <T> T withNoStruct(boolean value, Supplier<T> part) {
        boolean saved = noStruct;
        noStruct = value;
        try {
            return part.get();
        } finally {
            noStruct = saved;
        }
    }
    final List<IonException.Problem> problems = new ArrayList<>();
    private int lastProblemOffset = -1;

    /** The depth at which this parse gives up: {@link #MAX_DEPTH}, or less on a thread of unknown stack. */
    private final int limit;

    Cursor(List<Token> tokens, int limit) {
        this.tokens = tokens;
        this.limit = limit;
        this.prev = tokens.get(0);
    }

    // ---------------------------------------------------------------- reading

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int k) {
        return tokens.get(Math.min(pos + k, tokens.size() - 1));
    }

    TokenType type() {
        return tokens.get(pos).type();
    }

    boolean at(TokenType t) {
        return tokens.get(pos).type() == t;
    }

    boolean atNext(TokenType t) {
        return peek(1).type() == t;
    }

    /** The last token consumed. */
    Token prev() {
        return prev;
    }

    int position() {
        return pos;
    }

    Token advance() {
        Token t = tokens.get(pos);
        if (t.type() != TokenType.EOF) {
            pos++;
        }
        prev = t;
        return t;
    }

    boolean match(TokenType t) {
        if (at(t)) {
            advance();
            return true;
        }
        return false;
    }

    /** Consumes a token of type {@code t}, else fails with "expected 'x' CONTEXT, found y". */
    Token expect(TokenType t, String context) {
        if (at(t)) {
            return advance();
        }
        String wanted = t.text() == null ? "a name" : "'" + t.text() + "'";
        throw error(peek(), "expected " + wanted + (context.isEmpty() ? "" : " " + context)
                + ", found " + peek().describe());
    }

    /** Replaces the current token by two (used to split {@code >>} when closing nested type arguments). */
    void splitCurrent(Token first, Token second) {
        tokens.set(pos, second);
        tokens.add(pos, first);
    }

    /** Braces opened and not yet closed among the tokens from index {@code start} to the cursor. */
    int openBracesSince(int start) {
        int open = 0;
        for (int i = start; i < pos && i < tokens.size(); i++) {
            TokenType t = tokens.get(i).type();
            if (t == TokenType.LBRACE || t == TokenType.HASH_BRACE) {
                open++;
            } else if (t == TokenType.RBRACE && open > 0) {
                open--;
            }
        }
        return open;
    }

    /** Switches to another token list (an f-string part); returns what is needed to switch back. */
    Object[] swap(List<Token> other) {
        Object[] saved = {tokens, pos, prev};
        tokens = new ArrayList<>(other);
        pos = 0;
        return saved;
    }

    @SuppressWarnings("unchecked")
    void restore(Object[] saved) {
        tokens = (List<Token>) saved[0];
        pos = (Integer) saved[1];
        prev = (Token) saved[2];
    }

    // ---------------------------------------------------------------- spans

    static Span span(Token t) {
        return new Span(t.line(), t.column(), t.offset(), Math.max(1, t.length()));
    }

    /** From the start of {@code start} to the end of the last consumed token. */
    Span spanFrom(Token start) {
        return new Span(start.line(), start.column(), start.offset(), Math.max(1, prev.end() - start.offset()));
    }

    /** From the start of {@code start} to the end of the last consumed token. */
    Span spanFrom(Span start) {
        return new Span(start.line(), start.column(), start.offset(), Math.max(1, prev.end() - start.offset()));
    }

    // ---------------------------------------------------------------- depth

    void enter() {
        if (++depth > limit) {
            if (limit < MAX_DEPTH) {
                throw new NeedsBigStack();
            }
            throw fatal(peek(), "nesting too deep (limit " + MAX_DEPTH + ")");
        }
    }

    void leave() {
        depth--;
    }

    // ---------------------------------------------------------------- problems

    /** Records a problem and returns the exception that unwinds to the nearest statement loop. */
    ParseError error(Token at, String message) {
        report(at, message);
        return new ParseError();
    }

    /** Records a problem without unwinding (the parse goes on where it is). */
    void report(Token at, String message) {
        if (at.offset() <= lastProblemOffset) {
            return; // one problem per place: cascades after a first error add nothing
        }
        lastProblemOffset = at.offset();
        add(at.line(), at.column(), at.length(), message);
    }

    /** Records a problem at a span (e.g. an invalid assignment target). */
    void report(Span at, String message) {
        if (at.offset() <= lastProblemOffset) {
            return;
        }
        lastProblemOffset = at.offset();
        add(at.line(), at.column(), at.length(), message);
    }

    private void add(int line, int column, int length, String message) {
        problems.add(new IonException.Problem(ErrorKind.PARSE, message, line, column, Math.max(1, length)));
        if (problems.size() >= MAX_PROBLEMS) {
            throw new Fatal();
        }
    }

    /** Records a problem after which parsing stops altogether. */
    Fatal fatal(Token at, String message) {
        problems.add(new IonException.Problem(ErrorKind.PARSE, message, at.line(), at.column(),
                Math.max(1, at.length())));
        return new Fatal();
    }

    /** Unwinds to the nearest statement loop, which resynchronizes. */
    static final class ParseError extends RuntimeException {
        ParseError() {
            super(null, null, false, false);
        }
    }

    /** Unwinds a parse that went deeper than the caller's thread is trusted with. */
    static final class NeedsBigStack extends RuntimeException {
        NeedsBigStack() {
            super(null, null, false, false);
        }
    }

    /** Unwinds the whole parse (nesting too deep, too many problems). */
    static final class Fatal extends RuntimeException {
        Fatal() {
            super(null, null, false, false);
        }
    }
}
