package dev.ion.protocol;

import java.util.regex.Pattern;

/**
 * Makes a parser's own wording fit for a client: keeps the first line, drops the hints that
 * name parser settings or Java types, and falls back to a plain phrase when anything that
 * looks like a class or library name would remain.
 */
public final class UserText {
    /** Something like {@code com.fasterxml.jackson.X} or {@code dev.ion.server.ops.ServerConfig}. */
    public static final Pattern INTERNAL = Pattern.compile(
            "[a-z]+\\.[a-z]+\\.[A-Za-z]|(?i)jackson|snakeyaml|vertx|netty|\\bjava\\b|\\bcom\\.|Feature|`");
    /** A leading {@code java.lang.IllegalStateException: } of an exception's text. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*|$)");
    private static final Pattern[] HINTS = {
            Pattern.compile("\\s*\\(not recognized as one since[^)]*\\)"),
            Pattern.compile("[:;,]?\\s*enable `[^`]*`( to allow)?"),
            Pattern.compile(",? from `[^`]*`"),
            Pattern.compile("\\s*\\(for input source[^)]*\\)"),
            Pattern.compile("\\s*\\(of type [^)]*\\)"),
    };

    private UserText() {
    }

    /** {@code text} cleaned for a client, or {@code fallback} when it cannot be cleaned. */
    public static String clean(String text, String fallback) {
        if (text == null || text.isBlank()) return fallback;
        String s = text.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip();
        s = CLASS_PREFIX.matcher(s).replaceFirst("");
        for (Pattern p : HINTS) s = p.matcher(s).replaceAll("");
        s = s.strip();
        return s.isEmpty() || INTERNAL.matcher(s).find() ? fallback : s;
    }
}
