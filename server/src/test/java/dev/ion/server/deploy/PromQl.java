package dev.ion.server.deploy;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the metric names out of a PromQL expression, so that a test can check that every
 * series a dashboard or an alert reads is one the server exports. A small tokenizer, not a
 * parser: it drops strings, label matchers, range selectors and grouping clauses, then
 * keeps the identifiers that are neither keywords nor function calls.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*}", "{}");
        s = s.replaceAll("\\[[^]]*]", "[]");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            boolean call = m.group(2) != null;
            if (call || KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) continue;
            names.add(word);
        }
        return names;
    }
}
