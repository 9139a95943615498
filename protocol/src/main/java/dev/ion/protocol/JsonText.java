package dev.ion.protocol;

/**
 * JSON strings escaped exactly as the {@link Codec} (Jackson's default) escapes them: the
 * quote and the backslash, {@code \b \t \n \f \r} short, other control characters as a
 * backslash, {@code u00} and two upper-case hex digits, everything else verbatim. For text
 * the server builds by hand on its hot paths (log lines, the frames of every run), which
 * must not differ from the codec's.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} as a JSON string, quotes included. */
    public static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            b.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        // append(String) copies the array; append(CharSequence, int, int) goes char by char
        return (start == 0 ? b.append(s) : b.append(s, start, n)).append('"');
    }
}
