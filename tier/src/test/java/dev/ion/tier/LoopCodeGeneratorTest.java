package dev.ion.tier;

import dev.ion.engine.Engine;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Proto;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator keeps every method small enough for HotSpot to compile: a loop whose method would pass
 * {@code HugeMethodLimit} is left to the interpreter (JIT-less generated code would be far slower than the
 * compiled interpreter), while the other loops of the same function are still compiled.
 */
class LoopCodeGeneratorTest {
    private static Proto compile(String source) {
        return Compiler.compile(source, name -> null).main();
    }

    /** A while loop of {@code statements} `s = s + i % k` lines, then a small for loop. */
    private static String hugeLoopThenSmallLoop(int statements) {
        StringBuilder sb = new StringBuilder("let mut s = 0;\nlet mut i = 0;\nwhile i < 10 {\n");
        for (int k = 0; k < statements; k++) sb.append("    s = s + i % ").append(k + 2).append(";\n");
        sb.append("    i += 1;\n}\nlet mut t = 0;\nfor j in 0..10 { t += j }\nt + s\n");
        return sb.toString();
    }

    @Test
    void aFunctionWithALoopTooLargeForTheJitStillRunsAndGetsItsOtherLoopCompiled() {
        long before = AsmLoopCompiler.compiledFunctions();
        long expected = 45;
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 400; k++) expected += i % (k + 2);
        }
        Value v = new Engine().eval(hugeLoopThenSmallLoop(400));
        assertThat(v.repr()).isEqualTo(Long.toString(expected));
        assertThat(AsmLoopCompiler.compiledFunctions()).as("the tier runs eager in this module's tests").isGreaterThan(before);
    }

    @Test
    void generationReportsTheRunThatIsTooLarge() {
        Proto proto = compile(hugeLoopThenSmallLoop(400));
        LoopRegions regions = LoopRegions.of(proto);
        try {
            LoopCodeGenerator.generate(proto, regions, "dev/ion/engine/vm/LoopsOf_test");
            throw new AssertionError("expected RunTooLarge");
        } catch (LoopCodeGenerator.RunTooLarge e) {
            assertThat(e.run).isZero();
        }
        regions.drop(0);
        assertThat(regions.runs).hasSize(1);
        assertThat(LoopCodeGenerator.generate(proto, regions, "dev/ion/engine/vm/LoopsOf_test")).isNotEmpty();
    }

    @Test
    void aLoopOfModerateSizeFitsInOneMethod() {
        Proto proto = compile(hugeLoopThenSmallLoop(40));
        LoopRegions regions = LoopRegions.of(proto);
        assertThat(regions.runs).hasSize(2);
        assertThat(LoopCodeGenerator.generate(proto, regions, "dev/ion/engine/vm/LoopsOf_test")).isNotEmpty();
    }
}
