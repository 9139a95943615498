package dev.ion.engine.lex;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-written scanner of LANGUAGE.md §1. It turns the whole source into tokens up front,
 * recording every lexical problem instead of stopping at the first one, so the parser can
 * report them all together. The embedded expressions of f-strings are scanned here too, so
 * their tokens carry true positions; nested f-strings are handled with an explicit stack of
 * frames (never Java recursion), bounded by {@link #MAX_FSTRING_DEPTH}.
 */
public final class Scanner {
    /** Deepest nesting of f-strings inside f-string expressions. */
    public static final int MAX_FSTRING_DEPTH = 1000;

    private static final Map<String, TokenType> KEYWORDS = keywords();

    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;
    /** Type of the last token emitted in the current sequence: digits after a '.' stay integers. */
    private TokenType lastType;
    private final List<IonException.Problem> problems = new ArrayList<>();

    // start of the token being scanned
    private int startPos;
    private int startLine;
    private int startCol;

    public Scanner(String source) {
        this.src = source;
    }

    /** Scans the whole source, throwing an {@link IonException} (kind LEX) listing every problem. */
    public static List<Token> scan(String source) {
        Scanner s = new Scanner(source);
        List<Token> tokens = s.scanAll();
        if (!s.problems().isEmpty()) {
            throw s.toException();
        }
        return tokens;
    }

    /** Scans the whole source; the list ends with an EOF token. Problems are in {@link #problems()}. */
    public List<Token> scanAll() {
        List<Token> out = new ArrayList<>();
        try {
            run(out);
        } catch (Fatal f) {
            // scanning stopped; the problem is recorded
        }
        out.add(new Token(TokenType.EOF, "", null, line, col, pos, 0));
        problems.sort(Comparator.comparingInt(IonException.Problem::line)
                .thenComparingInt(IonException.Problem::column));
        return out;
    }

    /** Every problem found, in source order. */
    public List<IonException.Problem> problems() {
        return problems;
    }

    /** The exception describing all problems (the first one gives its kind, message and position). */
    public IonException toException() {
        IonException.Problem first = problems.get(0);
        return new IonException(first.kind(), first.message(), first.line(), first.column(), List.of(), problems);
    }

    // ------------------------------------------------------------------ the machine

    /** A run of code tokens: the whole script, or the expression inside an f-string's braces. */
    private static final class CodeFrame {
        final List<Token> tokens;
        final boolean inFString;
        int braces;
        TokenType lastType;
        final int startPos;
        final int startLine;
        final int startCol;

        CodeFrame(List<Token> tokens, boolean inFString, int startPos, int startLine, int startCol) {
            this.tokens = tokens;
            this.inFString = inFString;
            this.startPos = startPos;
            this.startLine = startLine;
            this.startCol = startCol;
        }
    }

    /** An f-string being scanned: the parts so far and the pending literal text. */
    private static final class FStringFrame {
        final int startPos;
        final int startLine;
        final int startCol;
        boolean triple;
        final List<FStringPart> parts = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        int textPos;
        int textLine;
        int textCol;

        FStringFrame(int startPos, int startLine, int startCol) {
            this.startPos = startPos;
            this.startLine = startLine;
            this.startCol = startCol;
        }
    }

    /**
     * Scans everything with an explicit stack of frames instead of recursion, so f-strings
     * nested inside f-string expressions never deepen the Java stack.
     */
    private void run(List<Token> out) {
        ArrayDeque<Object> stack = new ArrayDeque<>();
        stack.push(new CodeFrame(out, false, 0, 1, 1));
        while (!stack.isEmpty()) {
            if (stack.peek() instanceof FStringFrame fs) {
                stepFString(stack, fs);
                continue;
            }
            CodeFrame cf = (CodeFrame) stack.peek();
            skipTrivia();
            if (pos >= src.length()) {
                stack.pop();
                if (cf.inFString) {
                    FStringFrame fs = (FStringFrame) stack.pop();
                    problemAt("unterminated f-string", fs.startLine, fs.startCol, 2);
                }
                continue;
            }
            if (cf.inFString && peek() == '}' && cf.braces == 0) {
                closeEmbedded(stack, cf);
                continue;
            }
            if (peek() == 'f' && peekAt(1) == '"') {
                openFString(stack);
                continue;
            }
            lastType = cf.lastType;
            Token t = scanToken();
            if (t == null) {
                continue;
            }
            if (cf.inFString) {
                if (t.type() == TokenType.LBRACE || t.type() == TokenType.HASH_BRACE) {
                    cf.braces++;
                } else if (t.type() == TokenType.RBRACE) {
                    cf.braces--;
                }
            }
            cf.tokens.add(t);
            cf.lastType = t.type();
        }
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B'
                    || c == '\uFEFF' && pos == 0) {
                advance();
            } else if (c == '/' && peekAt(1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    /** Scans one token starting at {@code pos}; returns null after recording a problem. */
    private Token scanToken() {
        startPos = pos;
        startLine = line;
        startCol = col;
        char c = advance();
        if (isIdentStart(c)) {
            if (c == 'b' && peek() == '"') {
                return scanBytes();
            }
            while (isIdentPart(peek())) {
                advance();
            }
            String word = src.substring(startPos, pos);
            TokenType kw = KEYWORDS.get(word);
            return make(kw != null ? kw : TokenType.IDENT, kw != null ? null : word);
        }
        if (c >= '0' && c <= '9') {
            return scanNumber();
        }
        switch (c) {
            case '"':
                return scanString();
            case '\'':
                return scanLabel();
            case '#':
                if (match('{')) {
                    return make(TokenType.HASH_BRACE, null);
                }
                problem("unexpected character '#' (dict literals start with '#{')");
                return null;
            case '(':
                return make(TokenType.LPAREN, null);
            case ')':
                return make(TokenType.RPAREN, null);
            case '[':
                return make(TokenType.LBRACKET, null);
            case ']':
                return make(TokenType.RBRACKET, null);
            case '{':
                return make(TokenType.LBRACE, null);
            case '}':
                return make(TokenType.RBRACE, null);
            case ',':
                return make(TokenType.COMMA, null);
            case ';':
                return make(TokenType.SEMI, null);
            case '?':
                return make(TokenType.QUESTION, null);
            case '^':
                return make(TokenType.CARET, null);
            case '%':
                return make(TokenType.PERCENT, null);
            case ':':
                return make(match(':') ? TokenType.COLON_COLON : TokenType.COLON, null);
            case '+':
                return make(match('=') ? TokenType.PLUS_EQ : TokenType.PLUS, null);
            case '-':
                return make(match('=') ? TokenType.MINUS_EQ : TokenType.MINUS, null);
            case '*':
                return make(match('=') ? TokenType.STAR_EQ : TokenType.STAR, null);
            case '/':
                return make(match('=') ? TokenType.SLASH_EQ : TokenType.SLASH, null);
            case '!':
                return make(match('=') ? TokenType.BANG_EQ : TokenType.BANG, null);
            case '=':
                if (match('=')) {
                    return make(TokenType.EQ_EQ, null);
                }
                return make(match('>') ? TokenType.FAT_ARROW : TokenType.EQ, null);
            case '<':
                if (match('<')) {
                    return make(TokenType.LT_LT, null);
                }
                return make(match('=') ? TokenType.LT_EQ : TokenType.LT, null);
            case '>':
                if (match('>')) {
                    return make(TokenType.GT_GT, null);
                }
                return make(match('=') ? TokenType.GT_EQ : TokenType.GT, null);
            case '&':
                return make(match('&') ? TokenType.AMP_AMP : TokenType.AMP, null);
            case '|':
                if (match('|')) {
                    return make(TokenType.PIPE_PIPE, null);
                }
                return make(match('>') ? TokenType.PIPE_GT : TokenType.PIPE, null);
            case '.':
                if (match('.')) {
                    if (match('.')) {
                        return make(TokenType.DOT_DOT_DOT, null);
                    }
                    return make(match('=') ? TokenType.DOT_DOT_EQ : TokenType.DOT_DOT, null);
                }
                return make(TokenType.DOT, null);
            default:
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(peek())) {
                    advance();
                }
                problem("unexpected character " + quoteChar(src.codePointAt(startPos)));
                return null;
        }
    }

    private Token make(TokenType type, Object value) {
        return new Token(type, src.substring(startPos, pos), value, startLine, startCol, startPos, pos - startPos);
    }

    // ------------------------------------------------------------------ numbers and labels

    private Token scanNumber() {
        while (isDigit(peek()) || peek() == '_') {
            advance();
        }
        boolean isFloat = false;
        if (lastType != TokenType.DOT && peek() == '.' && isDigit(peekAt(1))) {
            isFloat = true;
            advance();
            while (isDigit(peek()) || peek() == '_') {
                advance();
            }
        }
        String digits = src.substring(startPos, pos).replace("_", "");
        if (isFloat) {
            return make(TokenType.FLOAT, Double.parseDouble(digits));
        }
        try {
            return make(TokenType.INT, Long.parseLong(digits));
        } catch (NumberFormatException e) {
            problem("integer literal too large");
            return null;
        }
    }

    private Token scanLabel() {
        if (!isIdentStart(peek())) {
            problem("expected a label name after '''");
            return null;
        }
        while (isIdentPart(peek())) {
            advance();
        }
        return make(TokenType.LABEL, src.substring(startPos + 1, pos));
    }

    // ------------------------------------------------------------------ strings

    /** Reads the opening quote(s) after the current position; true when triple-quoted. */
    private boolean openQuotes() {
        if (peek() == '"' && peekAt(1) == '"') {
            advance();
            advance();
            // a newline right after the opening quotes is dropped
            if (peek() == '\r' && peekAt(1) == '\n') {
                advance();
            }
            if (peek() == '\n') {
                advance();
            }
            return true;
        }
        return false;
    }

    /** At a closing quote (consuming it)? */
    private boolean closeQuotes(boolean triple) {
        if (peek() != '"') {
            return false;
        }
        if (!triple) {
            advance();
            return true;
        }
        if (peekAt(1) == '"' && peekAt(2) == '"') {
            advance();
            advance();
            advance();
            return true;
        }
        return false;
    }

    private Token scanString() {
        if (peek() == '"' && peekAt(1) != '"') {
            advance();
            return make(TokenType.STRING, "");
        }
        boolean triple = openQuotes();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                problemAt("unterminated string", startLine, startCol, 1);
                return null;
            }
            if (closeQuotes(triple)) {
                break;
            }
            char c = advance();
            if (c == '\\') {
                stringEscape(sb, "string");
            } else {
                sb.append(c);
            }
        }
        return make(TokenType.STRING, sb.toString());
    }

    /** Decodes one escape of a string or f-string (the backslash is already consumed). */
    private void stringEscape(StringBuilder sb, String what) {
        int eLine = line;
        int eCol = col - 1;
        if (pos >= src.length()) {
            return; // reported as unterminated by the caller
        }
        char e = advance();
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case '{' -> sb.append('{');
            case '}' -> sb.append('}');
            case 'u' -> unicodeEscape(sb, eLine, eCol, what);
            default -> problemAt("invalid escape '\\" + printable(e) + "' in " + what, eLine, eCol, 2);
        }
    }

    private void unicodeEscape(StringBuilder sb, int eLine, int eCol, String what) {
        if (!match('{')) {
            problemAt("invalid unicode escape in " + what + ": expected '{' after '\\u'", eLine, eCol, 2);
            return;
        }
        int digitsStart = pos;
        while (isHex(peek())) {
            advance();
        }
        String hex = src.substring(digitsStart, pos);
        if (!match('}')) {
            problemAt("invalid unicode escape in " + what + ": expected 1 to 6 hex digits and '}'",
                    eLine, eCol, pos - digitsStart + 3);
            return;
        }
        int len = pos - digitsStart + 3;
        if (hex.isEmpty() || hex.length() > 6) {
            problemAt("invalid unicode escape in " + what + ": expected 1 to 6 hex digits", eLine, eCol, len);
            return;
        }
        int cp = Integer.parseInt(hex, 16);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            problemAt("invalid unicode escape in " + what + ": " + hex + " is not a Unicode scalar value",
                    eLine, eCol, len);
            return;
        }
        sb.appendCodePoint(cp);
    }

    private Token scanBytes() {
        advance(); // the quote after 'b'
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= src.length()) {
                problemAt("unterminated bytes literal", startLine, startCol, 2);
                return null;
            }
            if (match('"')) {
                break;
            }
            char c = advance();
            if (c == '\\') {
                bytesEscape(out);
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(peek())) {
                    cp = Character.toCodePoint(c, advance());
                }
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
            }
        }
        return make(TokenType.BYTES, out.toByteArray());
    }

    private void bytesEscape(ByteArrayOutputStream out) {
        int eLine = line;
        int eCol = col - 1;
        if (pos >= src.length()) {
            return;
        }
        char e = advance();
        switch (e) {
            case 'n' -> out.write('\n');
            case 't' -> out.write('\t');
            case 'r' -> out.write('\r');
            case '\\' -> out.write('\\');
            case '"' -> out.write('"');
            case '0' -> out.write(0);
            case 'x' -> {
                if (isHex(peek()) && isHex(peekAt(1))) {
                    int hi = Character.digit(advance(), 16);
                    int lo = Character.digit(advance(), 16);
                    out.write(hi * 16 + lo);
                } else {
                    problemAt("invalid escape in bytes literal: '\\x' needs two hex digits", eLine, eCol, 2);
                }
            }
            default -> problemAt("invalid escape '\\" + printable(e) + "' in bytes literal", eLine, eCol, 2);
        }
    }

    private void openFString(ArrayDeque<Object> stack) {
        FStringFrame fs = new FStringFrame(pos, line, col);
        advance(); // f
        advance(); // "
        fs.triple = openQuotes();
        fs.textPos = pos;
        fs.textLine = line;
        fs.textCol = col;
        if (stack.size() / 2 >= MAX_FSTRING_DEPTH) {
            problems.add(new IonException.Problem(ErrorKind.PARSE,
                    "nesting too deep (limit " + MAX_FSTRING_DEPTH + ")", fs.startLine, fs.startCol, 2));
            throw new Fatal();
        }
        stack.push(fs);
    }

    /** Scans f-string text up to its end (the token goes to the enclosing code) or to a '{'. */
    private void stepFString(ArrayDeque<Object> stack, FStringFrame fs) {
        while (true) {
            if (pos >= src.length()) {
                stack.pop();
                problemAt("unterminated f-string", fs.startLine, fs.startCol, 2);
                return;
            }
            int here = pos;
            int hereLine = line;
            int hereCol = col;
            if (closeQuotes(fs.triple)) {
                addText(fs, here);
                stack.pop();
                CodeFrame parent = (CodeFrame) stack.peek();
                Token t = new Token(TokenType.FSTRING, src.substring(fs.startPos, pos), List.copyOf(fs.parts),
                        fs.startLine, fs.startCol, fs.startPos, pos - fs.startPos);
                parent.tokens.add(t);
                parent.lastType = TokenType.FSTRING;
                return;
            }
            char c = advance();
            if (c == '\\') {
                stringEscape(fs.text, "f-string");
            } else if (c == '{' && peek() == '{') {
                advance();
                fs.text.append('{');
            } else if (c == '}' && peek() == '}') {
                advance();
                fs.text.append('}');
            } else if (c == '}') {
                problemAt("single '}' in f-string (write '}}' for a literal brace)", hereLine, hereCol, 1);
            } else if (c == '{') {
                addText(fs, here);
                stack.push(new CodeFrame(new ArrayList<>(), true, pos, line, col));
                return;
            } else {
                fs.text.append(c);
            }
        }
    }

    private void addText(FStringFrame fs, int end) {
        if (fs.text.length() > 0) {
            fs.parts.add(new FStringPart(fs.text.toString(), null, null, fs.textLine, fs.textCol, fs.textPos,
                    end - fs.textPos));
            fs.text.setLength(0);
        }
    }

    /** Ends an embedded expression at its closing '}' and records it as a part of the f-string. */
    private void closeEmbedded(ArrayDeque<Object> stack, CodeFrame cf) {
        int close = pos;
        int closeLine = line;
        int closeCol = col;
        advance();
        stack.pop();
        FStringFrame fs = (FStringFrame) stack.peek();
        List<Token> tokens = cf.tokens;
        tokens.add(new Token(TokenType.EOF, "}", null, closeLine, closeCol, close, 1));
        fs.parts.add(new FStringPart(null, List.copyOf(tokens), src.substring(cf.startPos, close), cf.startLine,
                cf.startCol, cf.startPos, close - cf.startPos));
        fs.textPos = pos;
        fs.textLine = line;
        fs.textCol = col;
    }

    // ------------------------------------------------------------------ characters

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private char peekAt(int k) {
        return pos + k < src.length() ? src.charAt(pos + k) : '\0';
    }

    private boolean match(char expected) {
        if (pos < src.length() && src.charAt(pos) == expected) {
            advance();
            return true;
        }
        return false;
    }

    /** Consumes one char, keeping line and column (in code points) up to date. */
    private char advance() {
        char c = src.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else if (!(Character.isLowSurrogate(c) && pos >= 2 && Character.isHighSurrogate(src.charAt(pos - 2)))) {
            col++;
        }
        return c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u{%x}", (int) c) : String.valueOf(c);
    }

    private static String quoteChar(int cp) {
        if (cp < 0x20 || cp == 0x7F || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private void problem(String message) {
        problemAt(message, startLine, startCol, Math.max(1, pos - startPos));
    }

    private void problemAt(String message, int pLine, int pCol, int length) {
        problems.add(new IonException.Problem(ErrorKind.LEX, message, pLine, pCol, Math.max(1, length)));
    }

    private static Map<String, TokenType> keywords() {
        Map<String, TokenType> map = new HashMap<>();
        for (TokenType t : TokenType.values()) {
            if (t.isKeyword()) {
                map.put(t.text(), t);
            }
        }
        return Map.copyOf(map);
    }

    /** Stops scanning after a problem that makes going on pointless (too deep nesting). */
    private static final class Fatal extends RuntimeException {
        Fatal() {
            super(null, null, false, false);
        }
    }
}
