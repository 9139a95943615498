package dev.ion.server.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README comparison: "…" within a line and as a whole line, and what it must not accept. */
class ElidedTest {
    @Test
    void anEllipsisWithinALineStandsForAnyText() {
        assertThat(Elided.lineMatches("{\"id\":\"run_…\",\"stats\":{…}}", "{\"id\":\"run_x1\",\"stats\":{\"fuel\":3}}")).isTrue();
        assertThat(Elided.lineMatches("PASS a.ion (… ms)", "PASS a.ion (35 ms)")).isTrue();
        assertThat(Elided.lineMatches("PASS a.ion (… ms)", "FAIL a.ion (35 ms)")).isFalse();
        assertThat(Elided.lineMatches("exit 70", "exit 700")).isFalse();
        assertThat(Elided.lineMatches("a.b", "axb")).as("no regex in the shown text").isFalse();
    }

    @Test
    void anEllipsisLineStandsForAnyNumberOfLines() {
        List<String> shown = List.of("first", "…", "last");
        assertThat(Elided.matches(shown, List.of("first", "last"))).isTrue();
        assertThat(Elided.matches(shown, List.of("first", "x", "y", "last"))).isTrue();
        assertThat(Elided.matches(shown, List.of("first", "x"))).isFalse();
        assertThat(Elided.matches(shown, List.of("first", "last", "more"))).isFalse();
    }

    @Test
    void everyShownLineMustBePrintedAndNothingElse() {
        assertThat(Elided.matches(List.of("a", "b"), List.of("a", "b", ""))).as("trailing blank lines").isTrue();
        assertThat(Elided.matches(List.of("a", "b"), List.of("a"))).isFalse();
        assertThat(Elided.matches(List.of("a"), List.of("a", "b"))).isFalse();
        assertThat(Elided.matches(List.of("a  "), List.of("a"))).as("trailing spaces").isTrue();
    }
}
