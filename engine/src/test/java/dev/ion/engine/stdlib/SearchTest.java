package dev.ion.engine.stdlib;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The linear-time substring search agrees with the JDK's naive one, and stays fast on adversarial input. */
class SearchTest {

    @Test
    void agreesWithTheJdkOnRandomInputs() {
        SplittableRandom r = new SplittableRandom(4);
        for (int round = 0; round < 5000; round++) {
            String s = random(r, r.nextInt(0, 200));
            String p = r.nextBoolean() ? random(r, r.nextInt(1, 40)) : s.substring(r.nextInt(0, s.length() + 1));
            if (p.isEmpty()) p = "a";
            int from = r.nextInt(0, s.length() + 2);
            assertThat(Search.indexOf(s, p, from)).as("%s in %s from %d", p, s, from).isEqualTo(s.indexOf(p, from));
            byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
            byte[] pat = p.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(Search.indexOf(raw, raw.length, pat, from)).isEqualTo(s.indexOf(p, from));
            assertThat(Search.replace(s, p, "<>")).isEqualTo(s.replace(p, "<>"));
        }
    }

    @Test
    void adversarialPatternsAreLinear() {
        String s = "a".repeat(1_000_000);
        String p = "a".repeat(100_000) + "b";
        long start = System.nanoTime();
        assertThat(Search.indexOf(s, p, 0)).isEqualTo(-1);
        assertThat(Text.count(s, p)).isZero();
        assertThat(Search.replace(s, p, "x")).isSameAs(s);
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Search.indexOf(raw, raw.length, p.getBytes(StandardCharsets.ISO_8859_1), 0)).isEqualTo(-1);
        // a quadratic search of these inputs is ~10^11 comparisons (minutes); a linear one takes milliseconds even
        // on a machine ten times slower and busy, so only a generous bound is needed to tell them apart
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    }

    private static String random(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('a' + r.nextInt(0, 3)));
        return sb.toString();
    }
}
