package dev.ion.engine.sandbox;

import dev.ion.engine.IonException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an engine error may never show a script's author: host class names, host stack traces, host paths. */
final class Hygiene {
    private Hygiene() {
    }

    private static final List<String> FORBIDDEN = List.of(
            "java.", "javax.", "jdk.", "sun.", "dev.ion", "dev/ion", ".java", "internal error",
            "\tat ", "/work/", "/home/", "/tmp/", "/usr/", "/root/", "/etc/", "C:\\");

    /** A Java throwable's simple or qualified class name, e.g. {@code ArrayIndexOutOfBoundsException}. */
    private static final Pattern THROWABLE = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b");

    /** The message, position, trace and every problem of {@code e} as one text. */
    static String describe(IonException e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (IonException.TraceEntry t : e.trace()) sb.append('\n').append(t);
        for (IonException.Problem p : e.problems()) sb.append('\n').append(p.message());
        return sb.toString();
    }

    /** The first forbidden fragment found in {@code text}, or null if it is clean. */
    static String leak(String text) {
        return leak(text, "");
    }

    /**
     * Like {@link #leak(String)}, ignoring fragments that occur in {@code source} (a script may put any
     * text it likes into its own error messages).
     */
    static String leak(String text, String source) {
        for (String f : FORBIDDEN) if (text.contains(f) && !source.contains(f)) return f;
        Matcher m = THROWABLE.matcher(text);
        while (m.find()) if (!source.contains(m.group())) return m.group();
        String cwd = System.getProperty("user.dir");
        if (cwd != null && cwd.length() > 1 && text.contains(cwd) && !source.contains(cwd)) return cwd;
        return null;
    }
}
