package dev.ion.engine.compile;

import dev.ion.engine.parse.BinaryOp;

/**
 * The instructions of the parser's {@link BinaryOp}s. The parser cannot name opcodes (it sits
 * below the compiler), so the one mapping lives here, as switches the Java compiler checks
 * cover every operator.
 */
final class Operators {
    private Operators() {
    }

    /** The instruction that pops b and a and pushes {@code a op b}. */
    static int opcode(BinaryOp op) {
        return switch (op) {
            case ADD -> Opcodes.ADD;
            case SUB -> Opcodes.SUB;
            case MUL -> Opcodes.MUL;
            case DIV -> Opcodes.DIV;
            case MOD -> Opcodes.MOD;
            case EQ -> Opcodes.EQ;
            case NE -> Opcodes.NE;
            case LT -> Opcodes.LT;
            case LE -> Opcodes.LE;
            case GT -> Opcodes.GT;
            case GE -> Opcodes.GE;
            case BAND -> Opcodes.BAND;
            case BOR -> Opcodes.BOR;
            case BXOR -> Opcodes.BXOR;
            case SHL -> Opcodes.SHL;
            case SHR -> Opcodes.SHR;
        };
    }

    /** The {@link OperandKind#COMPARISON} operand of a fused compare-and-jump for {@code op}, or -1. */
    static int comparison(BinaryOp op) {
        return switch (op) {
            case LT -> 0;
            case LE -> 1;
            case GT -> 2;
            case GE -> 3;
            default -> -1;
        };
    }
}
