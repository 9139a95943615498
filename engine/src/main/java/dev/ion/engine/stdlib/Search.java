package dev.ion.engine.stdlib;

/**
 * Substring search in linear time. Short patterns use the JDK's search (at most {@link #SHORT} comparisons per
 * position); longer ones use Knuth–Morris–Pratt, so no search is quadratic whatever the input
 * ({@code "a" * 300000} searched for {@code "a" * 20000 + "b"} costs one pass, not 6·10⁹ comparisons).
 */
final class Search {
    private Search() {
    }

    /** Patterns up to this length are searched naively (bounded work per position). */
    static final int SHORT = 16;

    /** The index of {@code pat} in {@code s} at or after {@code from}, or -1. */
    static int indexOf(String s, String pat, int from) {
        int m = pat.length();
        if (m <= SHORT) return s.indexOf(pat, from);
        int n = s.length();
        if (from < 0) from = 0;
        if (n - from < m) return -1;
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pat.charAt(i) != pat.charAt(k)) k = fail[k - 1];
            if (pat.charAt(i) == pat.charAt(k)) k++;
            fail[i] = k;
        }
        for (int i = from, k = 0; i < n; i++) {
            while (k > 0 && s.charAt(i) != pat.charAt(k)) k = fail[k - 1];
            if (s.charAt(i) == pat.charAt(k)) k++;
            if (k == m) return i - m + 1;
        }
        return -1;
    }

    /** The index of {@code pat} in {@code raw[0..size)} at or after {@code from}, or -1. */
    static int indexOf(byte[] raw, int size, byte[] pat, int from) {
        int m = pat.length;
        if (from < 0) from = 0;
        if (size - from < m) return -1;
        if (m == 0) return from;
        if (m <= SHORT) {
            byte first = pat[0];
            for (int i = from; i + m <= size; i++) {
                if (raw[i] != first) continue;
                int j = 1;
                while (j < m && raw[i + j] == pat[j]) j++;
                if (j == m) return i;
            }
            return -1;
        }
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pat[i] != pat[k]) k = fail[k - 1];
            if (pat[i] == pat[k]) k++;
            fail[i] = k;
        }
        for (int i = from, k = 0; i < size; i++) {
            while (k > 0 && raw[i] != pat[k]) k = fail[k - 1];
            if (raw[i] == pat[k]) k++;
            if (k == m) return i - m + 1;
        }
        return -1;
    }

    /** {@code s} with every non-overlapping occurrence of the non-empty {@code from} replaced by {@code to}. */
    static String replace(String s, String from, String to) {
        int at = indexOf(s, from, 0);
        if (at < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        int start = 0;
        for (; at >= 0; at = indexOf(s, from, start)) {
            sb.append(s, start, at).append(to);
            start = at + from.length();
        }
        return sb.append(s, start, s.length()).toString();
    }
}
