package dev.ion.engine.compile;

import java.util.List;

/**
 * One row of the instruction table in {@link Opcodes}: everything the compiler, the
 * disassembler and the tests need to know about an opcode's shape.
 *
 * @param code     the opcode
 * @param name     its name, as the disassembler prints it
 * @param fast     whether the interpreter's fast loop executes it (else it always goes to the slow path)
 * @param effect   how many values it leaves on the operand stack minus how many it takes, when it
 *                 falls through to the next instruction
 * @param scratch  slots it uses above the stack depth it starts at while it runs (beyond its effect)
 * @param note     the disassembler's annotation, with {@code {i}} standing for operand i rendered by its
 *                 kind; null for none
 * @param operands the kind of each operand, in order
 */
public record OpInfo(int code, String name, boolean fast, StackEffect effect, int scratch, String note,
                     List<OperandKind> operands) {

    /** A stack effect: fixed, or computed from the instruction's operands. */
    @FunctionalInterface
    public interface StackEffect {
        int of(int[] operands);
    }

    public int operandCount() {
        return operands.size();
    }

    /** The stack effect of this instruction with {@code operands}. */
    public int stackEffect(int[] operands) {
        return effect.of(operands);
    }
}
