package dev.ion.engine;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.OpInfo;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.OperandKind;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.conformance.HostFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the instruction table in {@link Opcodes} against the rest of the engine: every
 * opcode has a row, the fast-loop flags match the interpreter's fast loop, and the code the
 * compiler emits for every corpus script decodes with the table, keeps its operands in range
 * and never needs more stack than the compiler tracked.
 */
class OpcodeTableTest {
    private static final List<Path> CORPUS = List.of(Path.of("src/test/resources/scripts"),
            Path.of("../../shared/conformance"), Path.of("../examples"), Path.of("../loadtests/compare/programs"));

    @Test
    void everyOpcodeHasExactlyItsRow() throws IllegalAccessException {
        Map<Integer, String> declared = new TreeMap<>();
        for (Field f : Opcodes.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) declared.put(f.getInt(null), f.getName());
        }
        assertThat(declared).hasSizeGreaterThan(90);
        for (Map.Entry<Integer, String> e : declared.entrySet()) {
            assertThat(Opcodes.exists(e.getKey())).as("row for %s", e.getValue()).isTrue();
            OpInfo info = Opcodes.info(e.getKey());
            assertThat(info.name()).isEqualTo(e.getValue());
            assertThat(info.code()).isEqualTo(e.getKey());
        }
        for (int op = -1; op <= 256; op++) {
            if (!declared.containsKey(op)) assertThat(Opcodes.exists(op)).as("row without an opcode: %d", op).isFalse();
        }
    }

    @Test
    void fastFlagsAreTheCasesOfTheInterpretersFastLoop() throws IOException {
        TreeSet<String> inFastLoop = new TreeSet<>();
        for (Path file : javaFiles(Path.of("src/main/java/dev/ion/engine/vm"))) {
            String src = Files.readString(file);
            int start = src.indexOf("int runFast(");
            if (start < 0) continue;
            int end = src.indexOf("default ->", start);
            Matcher cases = Pattern.compile("case ([^>]+)->").matcher(src.substring(start, end));
            while (cases.find()) {
                Matcher op = Pattern.compile("Opcodes\\.(\\w+)").matcher(cases.group(1));
                while (op.find()) inFastLoop.add(op.group(1));
            }
        }
        assertThat(inFastLoop).as("the fast loop's cases").isNotEmpty();
        TreeSet<String> flagged = new TreeSet<>();
        for (int op = 0; op < 256; op++) if (Opcodes.exists(op) && Opcodes.info(op).fast()) flagged.add(Opcodes.name(op));
        assertThat(flagged).isEqualTo(inFastLoop);
    }

    @Test
    void corpusCodeDecodesAndFitsTheTrackedStack() throws IOException {
        int scripts = 0;
        int functions = 0;
        List<String> problems = new ArrayList<>();
        for (Path root : CORPUS) {
            for (Path file : ionFiles(root)) {
                Engine engine = new Engine();
                HostFixtures.install(engine);
                Compiler.Program program;
                try {
                    program = engine.compile(Files.readString(file));
                } catch (IonException compileError) {
                    continue; // scripts that check compile errors
                }
                scripts++;
                ArrayDeque<Proto> work = new ArrayDeque<>(List.of(program.main()));
                while (!work.isEmpty()) {
                    Proto p = work.poll();
                    functions++;
                    check(p, program.globalCount(), file + " " + p.name + ": ", problems);
                    work.addAll(Arrays.asList(p.protos));
                }
            }
        }
        assertThat(scripts).as("scripts compiled").isGreaterThan(400);
        assertThat(functions).isGreaterThan(scripts);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckerFindsAStackTheCompilerDidNotReserve() {
        // a hand-made function whose two pushes need two slots while it claims none
        Proto p = new Proto("bad", new int[] {Opcodes.TRUE, Opcodes.TRUE, Opcodes.POP, Opcodes.HALT},
                new int[4], new int[4], new Value[0], new Proto[0], 0, Proto.STACK_MARGIN, new String[0],
                dev.ion.engine.compile.ParamSpec.none(), new int[0], new int[0], new String[0]);
        List<String> problems = new ArrayList<>();
        check(p, 0, "", problems);
        assertThat(problems).singleElement().asString().contains("needs 2 stack slots, tracked 0");
    }

    /** Decodes {@code p} with the table, checks its operands, and recomputes its stack depth along every path. */
    private static void check(Proto p, int globals, String where, List<String> problems) {
        int[] code = p.code;
        boolean[] starts = new boolean[code.length + 1];
        for (int pc = 0; pc < code.length; ) {
            if (!Opcodes.exists(code[pc])) {
                problems.add(where + "unknown opcode " + code[pc] + " at " + pc);
                return;
            }
            starts[pc] = true;
            pc += 1 + Opcodes.operandCount(code[pc]);
            if (pc > code.length) {
                problems.add(where + "the last instruction's operands run past the end");
                return;
            }
        }
        int[] depthAt = new int[code.length];
        Arrays.fill(depthAt, -1);
        ArrayDeque<int[]> work = new ArrayDeque<>();
        work.push(new int[] {0, 0});
        int max = 0;
        while (!work.isEmpty()) {
            int[] at = work.pop();
            int pc = at[0];
            int depth = at[1];
            if (pc < 0 || pc >= code.length || !starts[pc]) {
                problems.add(where + "control reaches " + pc + ", not an instruction");
                continue;
            }
            if (depthAt[pc] >= 0) {
                if (depthAt[pc] != depth) problems.add(where + "stack depth " + depthAt[pc] + " and " + depth + " meet at " + pc);
                continue;
            }
            depthAt[pc] = depth;
            OpInfo info = Opcodes.info(code[pc]);
            int n = info.operandCount();
            int[] operands = Arrays.copyOfRange(code, pc + 1, pc + 1 + n);
            int next = pc + 1 + n;
            for (int i = 0; i < n; i++) {
                String bad = outOfRange(p, globals, info.operands().get(i), operands[i], next);
                if (bad != null) problems.add(where + info.name() + " at " + pc + ": operand " + i + " " + bad);
            }
            int after = depth + info.stackEffect(operands);
            if (after < 0) problems.add(where + info.name() + " at " + pc + " pops an empty stack");
            max = Math.max(max, Math.max(after, depth + info.scratch()));
            int target = info.operands().contains(OperandKind.OFFSET) ? next + operands[n - 1] : -1;
            switch (info.code()) {
                case Opcodes.RETURN, Opcodes.RETURN_LOCAL, Opcodes.RETURN_ADD, Opcodes.HALT, Opcodes.MATCH_FAIL,
                        Opcodes.ASSIGN_FAIL -> {
                }
                case Opcodes.JUMP -> work.push(new int[] {target, after});
                // at the end of the iterator nothing is pushed
                case Opcodes.ITER_NEXT -> {
                    work.push(new int[] {target, depth});
                    work.push(new int[] {next, after});
                }
                // the handler starts at TRY_BEGIN's depth with the error pushed
                case Opcodes.TRY_BEGIN -> {
                    work.push(new int[] {target, depth + 1});
                    work.push(new int[] {next, after});
                }
                default -> {
                    if (target >= 0) work.push(new int[] {target, after});
                    work.push(new int[] {next, after});
                }
            }
        }
        int tracked = p.maxStack - Proto.STACK_MARGIN;
        if (max > tracked) problems.add(where + "needs " + max + " stack slots, tracked " + tracked);
    }

    private static String outOfRange(Proto p, int globals, OperandKind kind, int v, int next) {
        int limit = switch (kind) {
            case CONSTANT -> p.constants.length;
            case SLOT -> p.maxLocals;
            case CAPTURE -> p.captureNames.length;
            case GLOBAL -> globals;
            case PROTO -> p.protos.length;
            case OFFSET -> p.code.length - next + 1;
            case COMPARISON -> 4;
            case WRAPPER -> 3;
            case COUNT, ITEM, FLAGS -> Integer.MAX_VALUE;
            case INT -> -1;
        };
        if (kind == OperandKind.INT) return null;
        int low = kind == OperandKind.OFFSET ? -next : 0;
        return v < low || v >= limit ? "(" + kind + ") " + v + " outside [" + low + ", " + limit + ")" : null;
    }

    private static List<Path> ionFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(".ion")).sorted().toList();
        }
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
