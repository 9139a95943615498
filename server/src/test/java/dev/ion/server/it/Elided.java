package dev.ion.server.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares what a program printed with the output a document shows, where the document
 * elides what changes from run to run: "…" within a line stands for any text, and a line
 * that is only "…" for any number of lines (none included). Trailing spaces and trailing
 * blank lines do not count.
 */
final class Elided {
    static final String MARK = "…";

    private Elided() {
    }

    /** Whether {@code actual} is {@code shown} with its elisions filled in. */
    static boolean matches(List<String> shown, List<String> actual) {
        return matches(trim(shown), 0, trim(actual), 0);
    }

    /** Whether one line of output matches one shown line ("…" standing for any text). */
    static boolean lineMatches(String shown, String actual) {
        return pattern(stripEnd(shown)).matcher(stripEnd(actual)).matches();
    }

    private static boolean matches(List<String> shown, int i, List<String> actual, int j) {
        if (i == shown.size()) return j == actual.size();
        if (shown.get(i).strip().equals(MARK)) {
            for (int k = j; k <= actual.size(); k++) {
                if (matches(shown, i + 1, actual, k)) return true;
            }
            return false;
        }
        return j < actual.size() && lineMatches(shown.get(i), actual.get(j)) && matches(shown, i + 1, actual, j + 1);
    }

    private static Pattern pattern(String shown) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int at = shown.indexOf(MARK); at >= 0; at = shown.indexOf(MARK, from)) {
            regex.append(Pattern.quote(shown.substring(from, at))).append(".*");
            from = at + MARK.length();
        }
        regex.append(Pattern.quote(shown.substring(from)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<String> trim(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add(stripEnd(l));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private static String stripEnd(String s) {
        return s.stripTrailing();
    }
}
