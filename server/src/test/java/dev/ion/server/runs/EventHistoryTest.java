package dev.ion.server.runs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retained history keeps the newest events within both bounds, oldest first, across growth and wrap-around. */
class EventHistoryTest {
    private static RunSession.Event event(long seq, int chars) {
        return new RunSession.Event(seq, "output", "x".repeat(chars));
    }

    private static List<Long> seqs(EventHistory h) {
        List<Long> seqs = new ArrayList<>();
        for (RunSession.Event e : h) seqs.add(e.seq());
        return seqs;
    }

    @Test
    void keepsTheNewestEventsWithinTheCount() {
        EventHistory h = new EventHistory();
        assertThat(h.first()).isNull();
        for (long seq = 1; seq <= 1000; seq++) h.add(event(seq, 1), 100, Long.MAX_VALUE);
        assertThat(h.size()).isEqualTo(100);
        assertThat(h.first().seq()).isEqualTo(901);
        assertThat(seqs(h)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(901, 1000).boxed().toList());
    }

    @Test
    void keepsTheNewestEventsWithinTheCharactersButAlwaysTheLastOne() {
        EventHistory h = new EventHistory();
        for (long seq = 1; seq <= 40; seq++) h.add(event(seq, 10), 1000, 95);
        assertThat(seqs(h)).containsExactly(32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L, 40L);
        h.add(event(41, 500), 1000, 95);
        assertThat(seqs(h)).containsExactly(41L);
        h.add(event(42, 10), 1000, 95);
        assertThat(seqs(h)).containsExactly(42L);
    }

    @Test
    void growsWhileWrappedAroundInOrder() {
        EventHistory h = new EventHistory();
        for (long seq = 1; seq <= 14; seq++) h.add(event(seq, 1), 12, Long.MAX_VALUE);
        for (long seq = 15; seq <= 30; seq++) h.add(event(seq, 1), 1000, Long.MAX_VALUE);
        assertThat(seqs(h)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(3, 30).boxed().toList());
        for (long seq = 31; seq <= 100; seq++) h.add(event(seq, 1), 25, Long.MAX_VALUE);
        assertThat(seqs(h)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(76, 100).boxed().toList());
    }
}
