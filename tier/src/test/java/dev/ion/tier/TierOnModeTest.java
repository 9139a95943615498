package dev.ion.tier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tier's default mode, {@code on}, where a function's loops are compiled after it ended a few turns, so
 * while the task stands somewhere inside them: the tier's own scripts (hot_loops.ion runs long enough) in a
 * child JVM with the tier on match those in a child JVM with the tier off, record for record.
 */
class TierOnModeTest {
    private static ChildJvm on;
    private static ChildJvm off;

    @TestFactory
    Stream<DynamicTest> tierOnMatchesTheInterpreter() throws Exception {
        List<ScriptCase> cases = Cases.tier();
        on = ChildJvm.start("on", "tier");
        off = ChildJvm.start("off", "tier");
        assertThat(on.mode()).isEqualTo("on");
        assertThat(off.mode()).isEqualTo("off");
        Stream<DynamicTest> compared = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RunRecord hot = on.await(c.name());
            RunRecord interpreted = off.await(c.name());
            assertThat(hot.differences(interpreted, "on", "off")).as(c.name() + " with the tier on vs off").isEmpty();
        }));
        DynamicTest compiled = DynamicTest.dynamicTest("the tier compiled hot loops in the child with the tier on", () -> {
            long n = on.compiledFunctions();
            System.out.println("TierOnModeTest: functions with compiled loops (tier on): " + n);
            assertThat(n).isGreaterThanOrEqualTo(2);
            assertThat(off.compiledFunctions()).isZero();
        });
        return Stream.concat(compared, Stream.of(compiled));
    }

    @AfterAll
    static void stopChildren() {
        if (on != null) on.destroy();
        if (off != null) off.destroy();
    }
}
