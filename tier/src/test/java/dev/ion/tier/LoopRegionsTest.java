package dev.ion.tier;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.Proto;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which loops {@link LoopRegions} picks, on protos the engine's compiler makes: a pure loop with its head as the
 * only entry, a loop that calls a function (or a native other than the fast loop's inline methods) left alone, a
 * pure inner loop of an impure outer loop compiled alone, and the script's prologue (a jump to the function
 * declarations and one back) not taken for a loop.
 */
class LoopRegionsTest {
    @Test
    void aPureLoopIsCompiledWithItsHeadAsTheOnlyEntry() {
        Proto main = main("""
                let mut n = 0
                for i in 0..10 { n += i }
                n
                """);
        List<int[]> loops = loops(main);
        assertThat(loops).hasSize(2); // the for loop and the prologue's jump back
        int[] loop = loops.stream().filter(l -> !isPrologue(main, l)).findFirst().orElseThrow();
        LoopRegions regions = LoopRegions.of(main);
        assertThat(entries(regions)).containsExactly(loop[0]);
        assertThat(regions.starts).containsExactlyElementsOf(instructions(main, loop[0], loop[1]));
        assertThat(main.code[loop[1]]).isEqualTo(Opcodes.FOR_NEXT);
    }

    @Test
    void aLoopThatCallsAFunctionIsNotCompiled() {
        Proto main = main("""
                fn double(x) { x * 2 }
                let mut n = 0
                for i in 0..10 { n += double(i) }
                n
                """);
        assertThat(loops(main)).hasSize(2);
        assertThat(LoopRegions.of(main).isEmpty()).isTrue();
        Proto callee = main.protos[0];
        assertThat(callee.name).isEqualTo("double");
        assertThat(LoopRegions.of(callee).isEmpty()).isTrue();
    }

    @Test
    void loopsCallingOnlyTheInlineMethodsAreCompiled() {
        for (String call : List.of("xs = xs.push(i)", "n += xs.len()", "n += d.get(\"a\").unwrap()",
                "if d.contains_key(\"b\") { n += 1 }")) {
            Proto main = main("let mut xs = []\nlet d = #{a: 1}\nlet mut n = 0\nfor i in 0..10 { " + call + " }\nn\n");
            assertThat(LoopRegions.of(main).isEmpty()).as(call).isFalse();
        }
        Proto other = main("let xs = [3, 1]\nlet mut n = 0\nfor i in 0..10 { n += xs.sorted().len() }\nn\n");
        assertThat(LoopRegions.of(other).isEmpty()).isTrue();
    }

    @Test
    void aPureInnerLoopOfAnImpureOuterLoopIsCompiledAlone() {
        Proto main = main("""
                fn f(x) { x }
                let mut n = 0
                for i in 0..4 {
                    let mut j = 0
                    while j < i { n += j; j += 1 }
                    n += f(i)
                }
                n
                """);
        LoopRegions regions = LoopRegions.of(main);
        List<int[]> loops = loops(main).stream().filter(l -> !isPrologue(main, l)).toList();
        assertThat(loops).hasSize(2);
        int[] outer = loops.stream().filter(l -> containsOp(main, l, Opcodes.CALL_GLOBAL)).findFirst().orElseThrow();
        int[] inner = loops.stream().filter(l -> l != outer).findFirst().orElseThrow();
        assertThat(inner[0]).isGreaterThan(outer[0]);
        assertThat(inner[1]).isLessThan(outer[1]);
        assertThat(entries(regions)).containsExactly(inner[0]);
        assertThat(regions.starts).containsExactlyElementsOf(instructions(main, inner[0], inner[1]));
    }

    @Test
    void theScriptPrologueJumpingBackIsNotALoopOfEverything() {
        Proto main = main("""
                fn g() { 1 }
                let mut n = 0
                while n < 10 { n += 1 }
                n
                """);
        List<int[]> loops = loops(main);
        int[] prologue = loops.stream().filter(l -> isPrologue(main, l)).findFirst().orElseThrow();
        assertThat(prologue[0]).isEqualTo(2);
        LoopRegions regions = LoopRegions.of(main);
        assertThat(regions.entries[prologue[0]]).isFalse();
        assertThat(regions.compiled[prologue[1]]).isFalse();
        int[] loop = loops.stream().filter(l -> l != prologue).findFirst().orElseThrow();
        assertThat(entries(regions)).containsExactly(loop[0]);
        assertThat(regions.starts).hasSize(instructions(main, loop[0], loop[1]).size());
    }

    @Test
    void aFunctionWithoutLoopsHasNoRegions() {
        Proto main = main("""
                let a = 1
                let b = a + 2
                b * 3
                """);
        assertThat(LoopRegions.of(main).isEmpty()).isTrue();
        assertThat(LoopRegions.of(main).starts).isEmpty();
    }

    private static Proto main(String source) {
        return Compiler.compile(source, name -> null).main();
    }

    /** Each backward jump as {head, pc of the jump}. */
    private static List<int[]> loops(Proto p) {
        List<int[]> loops = new ArrayList<>();
        for (int pc = 0; pc < p.code.length; pc += LoopRegions.length(p.code, pc)) {
            int head = LoopRegions.backwardTarget(p.code, pc);
            if (head >= 0) loops.add(new int[] {head, pc});
        }
        return loops;
    }

    /**
     * The script's prologue: the JUMP at pc 0 over the body to the function declarations, and the JUMP after
     * them back to the body's start.
     */
    private static boolean isPrologue(Proto p, int[] loop) {
        return p.code[0] == Opcodes.JUMP && loop[0] == LoopRegions.length(p.code, 0) && p.code[loop[1]] == Opcodes.JUMP
                && LoopRegions.jumpTarget(p.code, 0) <= loop[1];
    }

    private static boolean containsOp(Proto p, int[] loop, int op) {
        return instructions(p, loop[0], loop[1]).stream().anyMatch(pc -> p.code[pc] == op);
    }

    private static List<Integer> instructions(Proto p, int from, int last) {
        List<Integer> pcs = new ArrayList<>();
        for (int pc = from; pc <= last; pc += LoopRegions.length(p.code, pc)) pcs.add(pc);
        return pcs;
    }

    private static List<Integer> entries(LoopRegions regions) {
        List<Integer> pcs = new ArrayList<>();
        for (int pc = 0; pc < regions.entries.length; pc++) if (regions.entries[pc]) pcs.add(pc);
        return pcs;
    }
}
