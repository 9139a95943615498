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

    /**
     * What the Lua and JavaScript scripts print at the benchmark sizes under the lua5.4 and node
     * binaries (outside the JVM), anchoring the Java-computed expectations.
     */
    static Stream<Arguments> benchmarkSizes() {
        return Stream.of(Arguments.of(Workload.FIB, 832040L), Arguments.of(Workload.LOOP, 1395L),
                Arguments.of(Workload.STRINGS, 100_000L), Arguments.of(Workload.LIST_PUSH, 1_999_999L),
                Arguments.of(Workload.DICT_INSERT, 199_999L), Arguments.of(Workload.SORT, 3_220_403_825L),
                Arguments.of(Workload.JSON, 50_587_781L), Arguments.of(Workload.CLOSURES, 499_859L));
    }
}
