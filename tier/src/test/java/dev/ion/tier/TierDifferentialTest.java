package dev.ion.tier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tier's contract, checked whole: every golden script, every fuzz seed and the fuel and memory sweeps run
 * here with the tier eager and in a child JVM with the tier off must print, log, return or fail (kind,
 * message, line, column, trace) identically and use exactly the same fuel and peak memory. One dynamic test
 * per case; each failure names every field that differs.
 */
class TierDifferentialTest {
    /**
     * Cases whose records differ between any two runs, even with the tier off in both, because a clock decides
     * where they stop: name to reason. So do all runs that end at their {@code deadline_ms} in both modes (a busy
     * loop, a 1 ms ticker, 5,000 spawns on a loaded machine: the deadline strikes wherever they are). Their
     * output, value, error kind and message are still compared; their fuel, peak memory and error position not.
     */
    static final Map<String, String> TIME_BOUND = Map.of(
            "engine/hostile/task_parallel_results_memory.ion",
            "parallel_map's tasks sleep 1 ms each: how many results are held when the memory check fails varies");
    private static final String DEADLINE = "limit exceeded: deadline_ms";
    private static final List<String> CLOCK_DEPENDENT_FIELDS = List.of("fuel", "peakMemory", "errorPosition", "errorTrace");

    private static ChildJvm child;

    @TestFactory
    Stream<DynamicTest> eagerTierMatchesTheInterpreter() throws Exception {
        assertThat(System.getProperty("ion.tier")).as("system property ion.tier (see tier/pom.xml)").isEqualTo("eager");
        List<ScriptCase> cases = Cases.all();
        Set<String> names = cases.stream().map(ScriptCase::name).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(names).as("case names are unique").hasSize(cases.size());
        child = ChildJvm.start("off", "all");
        assertThat(child.mode()).as("the child JVM's ion.tier").isEqualTo("off");
        long before = AsmLoopCompiler.compiledFunctions();
        Map<String, RunRecord> eagerRecords = new ConcurrentHashMap<>();
        Stream<DynamicTest> compared = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RunRecord eager = RunRecord.of(c);
            eagerRecords.put(c.name(), eager);
            RunRecord off = child.await(c.name());
            List<String> differences = eager.differences(off, "eager", "off");
            boolean bothAtDeadline = eager.field("errorMessage").contains(DEADLINE) && off.field("errorMessage").contains(DEADLINE);
            if (TIME_BOUND.containsKey(c.name()) || bothAtDeadline) {
                differences.removeIf(d -> CLOCK_DEPENDENT_FIELDS.contains(d.substring(0, d.indexOf(':'))));
            }
            assertThat(differences).as(c.name() + " with the tier eager vs off").isEmpty();
        }));
        DynamicTest complete = DynamicTest.dynamicTest("both JVMs ran the same cases, and the tier compiled loops", () -> {
            assertThat(child.recordedNames()).containsExactlyInAnyOrderElementsOf(names);
            long compiled = AsmLoopCompiler.compiledFunctions() - before;
            System.out.println("TierDifferentialTest: " + cases.size() + " cases, functions with compiled loops: " + compiled);
            assertThat(compiled).isGreaterThan(0);
        });
        DynamicTest sweeps = DynamicTest.dynamicTest("the sweeps cross their limits at many places", () -> {
            assertSweep(eagerRecords, "sweep/fuel=", "limit exceeded: fuel", 20);
            assertSweep(eagerRecords, "sweep/max_memory_bytes=", "limit exceeded: max_memory_bytes", 5);
        });
        return Stream.concat(compared, Stream.of(complete, sweeps));
    }

    /**
     * The sweep's smallest limit fails on it, its largest does not, and the failures stand at
     * {@code minPositions} different places or more: the sweep still tests what it is meant to.
     */
    private static void assertSweep(Map<String, RunRecord> records, String prefix, String limitError, int minPositions) {
        List<Map.Entry<Long, RunRecord>> sweep = records.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> Map.entry(Long.parseLong(e.getKey().substring(prefix.length())), e.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .toList();
        assertThat(sweep).as(prefix).isNotEmpty();
        assertThat(sweep.get(0).getValue().field("errorMessage")).as("smallest " + prefix).contains(limitError);
        assertThat(sweep.get(sweep.size() - 1).getValue().field("errorKind")).as("largest " + prefix).isEqualTo("-");
        Set<String> positions = sweep.stream().map(e -> e.getValue())
                .filter(r -> r.field("errorMessage").contains(limitError))
                .map(r -> r.field("errorPosition"))
                .collect(Collectors.toSet());
        System.out.println("TierDifferentialTest: " + prefix + " fails at " + positions.size() + " positions");
        assertThat(positions).as(prefix + " failure positions").hasSizeGreaterThanOrEqualTo(minPositions);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) child.destroy();
    }
}
