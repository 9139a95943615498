package dev.ion.tier;

import dev.ion.engine.compile.MethodIds;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.OperandKind;
import dev.ion.engine.compile.Proto;

import java.util.ArrayList;
import java.util.List;

/**
 * Which instructions of a function the second tier compiles: its loops (each the span from a backward
 * jump's target, its head, to the jump) whose every instruction has a fast path the tier emits. A loop that
 * calls a function, parks or does anything else the general path handles stays interpreted — leaving
 * compiled code for one instruction each iteration would cost more than it saves — while the loops nested
 * in it may still be compiled.
 */
final class LoopRegions {
    /** {@code compiled[pc]}: an instruction starts at pc and is compiled. */
    final boolean[] compiled;
    /** {@code entries[pc]}: pc is the head of a compiled loop, where the interpreter hands over. */
    final boolean[] entries;
    /** The compiled instructions' start pcs, in order. */
    final List<Integer> starts = new ArrayList<>();
    /** The compiled instructions in maximal runs of consecutive ones: each becomes one JVM method. */
    final List<List<Integer>> runs = new ArrayList<>();

    private LoopRegions(int length) {
        compiled = new boolean[length];
        entries = new boolean[length];
    }

    boolean isEmpty() {
        return starts.isEmpty();
    }

    static LoopRegions of(Proto proto) {
        int[] code = proto.code;
        LoopRegions regions = new LoopRegions(code.length);
        for (int pc = 0; pc < code.length; pc += length(code, pc)) {
            int head = backwardTarget(code, pc);
            int end = pc + length(code, pc);
            if (head < 0 || !allSupported(proto, head, end)) continue;
            regions.entries[head] = true;
            for (int at = head; at < end; at += length(code, at)) regions.compiled[at] = true;
        }
        List<Integer> run = null;
        for (int pc = 0; pc < code.length; pc += length(code, pc)) {
            if (!regions.compiled[pc]) {
                run = null;
                continue;
            }
            if (run == null) regions.runs.add(run = new ArrayList<>());
            run.add(pc);
            regions.starts.add(pc);
        }
        return regions;
    }

    /** Leaves run {@code index} to the interpreter (its method would be too large for the JIT). */
    void drop(int index) {
        List<Integer> run = runs.remove(index);
        for (int pc : run) {
            compiled[pc] = false;
            entries[pc] = false;
        }
        starts.removeAll(run);
    }

    static int length(int[] code, int pc) {
        return 1 + Opcodes.operandCount(code[pc]);
    }

    /** Where the instruction at {@code pc} jumps when its offset operand is negative, else -1. */
    static int backwardTarget(int[] code, int pc) {
        int offset = offsetOperand(code[pc]);
        if (offset < 0 || code[pc + 1 + offset] >= 0) return -1;
        return jumpTarget(code, pc);
    }

    /** Where the instruction at {@code pc} may jump, or -1 when it has no offset operand. */
    static int offsetTarget(int[] code, int pc) {
        return offsetOperand(code[pc]) < 0 ? -1 : jumpTarget(code, pc);
    }

    /** The target of the jump at {@code pc}: its offset counts from the instruction's end. */
    static int jumpTarget(int[] code, int pc) {
        return pc + length(code, pc) + code[pc + 1 + offsetOperand(code[pc])];
    }

    private static int offsetOperand(int op) {
        List<OperandKind> operands = Opcodes.info(op).operands();
        return operands.indexOf(OperandKind.OFFSET);
    }

    private static boolean allSupported(Proto proto, int start, int end) {
        int[] code = proto.code;
        for (int pc = start; pc < end; pc += length(code, pc)) {
            if (!supported(proto, pc)) return false;
        }
        return true;
    }

    /** Whether {@link LoopCodeGenerator} emits the fast path of the instruction at {@code pc}. */
    static boolean supported(Proto proto, int pc) {
        int[] code = proto.code;
        int op = code[pc];
        return switch (op) {
            case Opcodes.CONCAT -> code[pc + 1] >= 2;
            case Opcodes.CALL_METHOD -> {
                int method = proto.methodIds[code[pc + 1]];
                int argc = code[pc + 2];
                yield method == MethodIds.PUSH && argc == 1
                        || (method == MethodIds.LEN || method == MethodIds.UNWRAP) && argc == 0
                        || (method == MethodIds.GET || method == MethodIds.CONTAINS_KEY) && argc == 1;
            }
            default -> LoopCodeGenerator.emits(op);
        };
    }
}
