package dev.ion.server.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides whether REPL input is complete: no bracket, brace or paren left open and no string (plain,
 * triple-quoted, bytes or f-string, including code inside f-string braces) left unterminated.
 * Comments are skipped. A stray closer counts as complete so that the compiler reports it.
 */
final class InputScanner {
    private InputScanner() {
    }

    /** An open construct: code awaiting {@code closer}, or a string literal. */
    private record Frame(boolean string, char closer, boolean triple, boolean format) {
        static Frame code(char closer) {
            return new Frame(false, closer, false, false);
        }

        static Frame str(boolean triple, boolean format) {
            return new Frame(true, '"', triple, format);
        }
    }

    static boolean isComplete(String text) {
        Deque<Frame> open = new ArrayDeque<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            Frame top = open.peek();
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (top != null && top.string()) {
                if (c == '\\') {
                    i += 2;
                } else if (top.triple() && text.startsWith("\"\"\"", i)) {
                    open.pop();
                    i += 3;
                } else if (!top.triple() && c == '"') {
                    open.pop();
                    i++;
                } else if (top.format() && (c == '{' || c == '}') && next == c) {
                    i += 2;
                } else if (top.format() && c == '{') {
                    open.push(Frame.code('}'));
                    i++;
                } else {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '/') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '"' || ((c == 'f' || c == 'b') && next == '"' && !identPart(text, i - 1))) {
                int quote = c == '"' ? i : i + 1;
                boolean triple = text.startsWith("\"\"\"", quote);
                open.push(Frame.str(triple, c == 'f'));
                i = quote + (triple ? 3 : 1);
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(Frame.code(c == '(' ? ')' : c == '[' ? ']' : '}'));
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (top == null || top.closer() != c) return true;
                open.pop();
                i++;
            } else {
                i++;
            }
        }
        return open.isEmpty();
    }

    private static boolean identPart(String text, int i) {
        if (i < 0) return false;
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
