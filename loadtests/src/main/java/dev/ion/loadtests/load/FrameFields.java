package dev.ion.loadtests.load;

/**
 * Reads one string field out of a server frame or response body without parsing the whole
 * JSON: at 200,000 frames per second a full parse would make the load generator the
 * bottleneck. Only used for fields whose values the server writes without escapes (frame
 * types, run ids, refs, error codes and kinds).
 */
final class FrameFields {
    private FrameFields() {
    }

    /** The value of the first {@code "name":"…"} in {@code json}, or null when there is none. */
    static String string(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) return null;
        int from = at + key.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    /** The frame's {@code type}, read quickly when it is the first field, as the server writes it. */
    static String type(String frame) {
        if (frame.startsWith("{\"type\":\"")) {
            int to = frame.indexOf('"', 9);
            if (to > 0) return frame.substring(9, to);
        }
        return string(frame, "type");
    }

    /** JSON string literal of {@code s} (quotes, backslashes and control characters escaped). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
