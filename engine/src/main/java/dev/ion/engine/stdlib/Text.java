package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.StrValue;

/** Character-level string helpers: Ion strings index by Unicode scalar value, Java by UTF-16 unit. */
final class Text {
    private Text() {
    }

    /** Unicode White_Space, as Rust's {@code char::is_whitespace} (and so {@code trim}) uses it. */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case ' ', '\t', '\n', 0x0B, '\f', '\r', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** The characters of {@code s} as one-character strings. */
    static Value[] chars(String s) {
        Value[] out = new Value[s.codePointCount(0, s.length())];
        int k = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out[k++] = StrValue.ofCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out;
    }

    /** Converts a UTF-16 offset into a character index. */
    static int charIndex(String s, int utf16) {
        return s.codePointCount(0, utf16);
    }

    static int charCount(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Non-overlapping occurrences of {@code sub}; an empty {@code sub} matches between all characters. */
    static long count(String s, String sub) {
        if (sub.isEmpty()) return charCount(s) + 1L;
        long n = 0;
        for (int i = Search.indexOf(s, sub, 0); i >= 0; i = Search.indexOf(s, sub, i + sub.length())) n++;
        return n;
    }

    /** Replaces every non-overlapping occurrence; an empty pattern inserts between characters. */
    static String replace(String s, String from, String to) {
        if (!from.isEmpty()) return Search.replace(s, from, to);
        // one insertion per character, not per UTF-16 unit: the size reserved by the caller, never past an int
        StringBuilder sb = new StringBuilder(s.length() + (charCount(s) + 1) * to.length());
        sb.append(to);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(cp).append(to);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    static String reverse(String s) {
        // StringBuilder.reverse keeps surrogate pairs together
        return new StringBuilder(s).reverse().toString();
    }

    static String trimStart(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isWhitespace(cp)) break;
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimEnd(String s) {
        int j = s.length();
        while (j > 0) {
            int cp = s.codePointBefore(j);
            if (!isWhitespace(cp)) break;
            j -= Character.charCount(cp);
        }
        return s.substring(0, j);
    }
}
