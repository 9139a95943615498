package dev.ion.tier;

import dev.ion.engine.conformance.HostFixtures;
import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden script passes with the tier eager (surefire sets {@code ion.tier=eager}), so that each of its
 * loops the tier can compile runs as JVM code: the engine's own golden test, with the tier in the way. Ends by
 * checking that the tier compiled loops at all, since a tier that silently declined everything would pass.
 */
class TierConformanceTest {
    /**
     * The corpus gives 122 functions with compiled loops (the others' loops call functions, await, match
     * patterns or try): a margin below that, and far more than a tier that compiles only by accident.
     */
    private static final long MIN_COMPILED_FUNCTIONS = 100;

    @TestFactory
    Stream<DynamicTest> goldenScriptsWithTheTierEager() {
        assertThat(System.getProperty("ion.tier")).as("system property ion.tier (see tier/pom.xml)").isEqualTo("eager");
        List<Corpus.Script> scripts = Corpus.goldenScripts();
        assertThat(scripts).hasSizeGreaterThan(600);
        ScriptChecker checker = new ScriptChecker(HostFixtures::install);
        long before = AsmLoopCompiler.compiledFunctions();
        Stream<DynamicTest> checks = scripts.stream().map(s -> DynamicTest.dynamicTest(s.name(), s.path().toUri(), () -> {
            ScriptResult r = checker.check(s.name(), s.source());
            assertThat(r.failures()).as(s.name()).isEmpty();
        }));
        DynamicTest compiled = DynamicTest.dynamicTest("the tier compiled the loops of many functions", () -> {
            long n = AsmLoopCompiler.compiledFunctions() - before;
            System.out.println("TierConformanceTest: functions with compiled loops: " + n);
            assertThat(n).isGreaterThanOrEqualTo(MIN_COMPILED_FUNCTIONS);
        });
        return Stream.concat(checks, Stream.of(compiled));
    }
}
