package dev.ion.engine.conformance;

import dev.ion.engine.Limits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectations written in a conformance script's comments (LANGUAGE.md §11):
 * printed lines, the final value's repr, the error, and the limits to run with.
 */
public record Expectations(List<String> output, String repr, String error, String errorKind, Limits limits) {
    private static final Pattern DIRECTIVE =
            Pattern.compile("//\\s*(expect|expect-repr|expect-error|expect-error-kind|limits):(.*)$");

    public static Expectations parse(String source) {
        List<String> output = new ArrayList<>();
        String repr = null;
        String error = null;
        String kind = null;
        Limits limits = Limits.unlimited();
        for (String line : source.split("\n", -1)) {
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.find() || inString(line, m.start())) continue;
            String value = m.group(2);
            if (value.startsWith(" ")) value = value.substring(1);
            if (value.endsWith("\r")) value = value.substring(0, value.length() - 1);
            switch (m.group(1)) {
                case "expect" -> output.add(value);
                case "expect-repr" -> repr = value.strip();
                case "expect-error" -> error = value.strip();
                case "expect-error-kind" -> kind = value.strip();
                default -> {
                    for (String pair : value.trim().split("\\s+")) {
                        if (pair.isEmpty()) continue;
                        int eq = pair.indexOf('=');
                        if (eq < 0) throw new IllegalArgumentException("bad limits entry '" + pair + "'");
                        limits = limits.with(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1).replace("_", "")));
                    }
                }
            }
        }
        return new Expectations(List.copyOf(output), repr, error, kind, limits);
    }

    /** True when the {@code //} at {@code index} sits inside a string literal on that line. */
    private static boolean inString(String line, int index) {
        boolean in = false;
        for (int i = 0; i < index; i++) {
            char c = line.charAt(i);
            if (c == '\\' && in) {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
    }
}
