package dev.ion.engine.compile;

/**
 * What an instruction operand means: the {@link Disassembler} renders each kind its own way
 * and {@code OpcodeTableTest} checks each one's range.
 */
public enum OperandKind {
    /** An index into the function's constants. */
    CONSTANT,
    /** A local slot of the frame. */
    SLOT,
    /** An index into the running closure's captures. */
    CAPTURE,
    /** A global slot of the script. */
    GLOBAL,
    /** An index into the function's nested functions. */
    PROTO,
    /** A jump distance, counted from the start of the next instruction. */
    OFFSET,
    /** How many values the instruction takes (arguments, items, pairs). */
    COUNT,
    /** An int literal of the script. */
    INT,
    /** A position inside a tuple, list or enum payload. */
    ITEM,
    /** 0 {@code <}, 1 {@code <=}, 2 {@code >}, 3 {@code >=}. */
    COMPARISON,
    /** 0 Some, 1 Ok, 2 Err. */
    WRAPPER,
    /** Bits whose meaning the opcode's row states. */
    FLAGS
}
