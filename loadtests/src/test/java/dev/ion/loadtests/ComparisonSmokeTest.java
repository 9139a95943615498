package dev.ion.loadtests;

import dev.ion.loadtests.compare.Implementation;
import dev.ion.loadtests.compare.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs every workload of the cross-language JMH comparison on every implementation once, at
 * a tiny size, and checks its result: a script that a new engine version, a LuaJ or Rhino
 * upgrade or an edit broke fails the normal build instead of the next benchmark run.
 */
class ComparisonSmokeTest {
    static Stream<Arguments> cases() {
        return Arrays.stream(Workload.values()).flatMap(w -> Arrays.stream(Implementation.values())
                .map(impl -> Arguments.of(w, impl)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void givesTheExpectedResult(Workload workload, Implementation impl) {
        long n = workload == Workload.FIB ? 15 : 1000;
        assertEquals(workload.expected(n), impl.prepare(workload, n).run());
    }

    @ParameterizedTest(name = "{0} at its benchmark size")
    @MethodSource("benchmarkSizes")
    void expectedValuesAtBenchmarkSize(Workload workload, long value) {
        assertEquals(value, workload.expected(workload.benchmarkSize()));
    }

    /** Hand-checked anchors (Python or the Lua 5.4 binary) for the independently computed values. */
    static Stream<Arguments> benchmarkSizes() {
        return Stream.of(Arguments.of(Workload.FIB, 832040L), Arguments.of(Workload.LOOP, 1395L));
    }
}
