package dev.ion.engine.compile;

import static dev.ion.engine.compile.OperandKind.COMPARISON;
import static dev.ion.engine.compile.OperandKind.CONSTANT;
import static dev.ion.engine.compile.OperandKind.COUNT;
import static dev.ion.engine.compile.OperandKind.CAPTURE;
import static dev.ion.engine.compile.OperandKind.FLAGS;
import static dev.ion.engine.compile.OperandKind.GLOBAL;
import static dev.ion.engine.compile.OperandKind.INT;
import static dev.ion.engine.compile.OperandKind.ITEM;
import static dev.ion.engine.compile.OperandKind.OFFSET;
import static dev.ion.engine.compile.OperandKind.PROTO;
import static dev.ion.engine.compile.OperandKind.SLOT;
import static dev.ion.engine.compile.OperandKind.WRAPPER;

import java.util.List;

/**
 * The instruction set, in the manner of Lua's {@code lopcodes}: code is an {@code int[]} in
 * which each instruction is an opcode followed by its operands. The constants are the opcodes
 * (the interpreter switches on them); the table below them is the one description of each
 * opcode's shape, which the compiler's {@code emit} reads to track the stack depth, the
 * {@link Disassembler} renders from, and {@code OpcodeTableTest} checks against the compiler
 * and the interpreter's fast loop.
 */
public final class Opcodes {
    private Opcodes() {
    }

    public static final int CONST = 0;
    public static final int UNIT = 1;
    public static final int TRUE = 2;
    public static final int FALSE = 3;
    public static final int NONE = 4;
    public static final int POP = 5;
    public static final int POPN = 6;
    public static final int DUP = 7;
    public static final int LOAD = 8;
    public static final int STORE = 9;
    public static final int LOAD_CAPTURE = 10;
    public static final int LOAD_GLOBAL = 11;
    public static final int STORE_GLOBAL = 12;
    public static final int LOAD_SELF = 13;
    public static final int UNDEFINED = 14;
    public static final int LOAD2 = 15;

    public static final int ADD = 20;
    public static final int SUB = 21;
    public static final int MUL = 22;
    public static final int DIV = 23;
    public static final int MOD = 24;
    public static final int NEG = 25;
    public static final int NOT = 26;
    public static final int EQ = 27;
    public static final int NE = 28;
    public static final int LT = 29;
    public static final int LE = 30;
    public static final int GT = 31;
    public static final int GE = 32;
    public static final int BAND = 33;
    public static final int BOR = 34;
    public static final int BXOR = 35;
    public static final int SHL = 36;
    public static final int SHR = 37;
    public static final int RANGE = 38;
    public static final int TO_BOOL = 39;
    public static final int ADD_INT = 40;
    public static final int ADD_CONST = 41;
    public static final int SUB_CONST = 42;
    public static final int LOAD_ADD_CONST = 43;
    public static final int LOAD_SUB_CONST = 44;
    public static final int ADD_TO = 45;
    public static final int MUL_CONST = 46;
    public static final int MOD_CONST = 47;
    public static final int ADD_LOCALS = 48;
    public static final int MUL_LOCALS = 49;

    public static final int JUMP = 50;
    public static final int JUMP_IF_FALSE = 51;
    public static final int JUMP_IF_TRUE = 52;
    public static final int JUMP_UNLESS = 54;
    public static final int JUMP_UNLESS_LOCAL = 55;
    public static final int JUMP_IF = 56;
    public static final int JUMP_IF_LOCAL = 57;

    public static final int MAKE_LIST = 60;
    public static final int MAKE_TUPLE = 61;
    public static final int LIST_APPEND = 62;
    public static final int LIST_EXTEND = 63;
    public static final int LIST_TO_TUPLE = 64;
    public static final int MAKE_DICT = 65;
    public static final int DICT_INSERT = 66;
    public static final int DICT_SPREAD = 67;
    public static final int WRAP = 68;
    public static final int INDEX = 69;
    public static final int SLICE = 70;
    public static final int FIELD = 71;
    public static final int SET_INDEX = 72;
    public static final int SET_FIELD = 73;
    public static final int TO_STR = 74;
    public static final int CONCAT = 75;

    public static final int CALL = 80;
    public static final int CALL_EX = 81;
    public static final int CALL_METHOD = 82;
    public static final int CALL_METHOD_EX = 83;
    public static final int RETURN = 84;
    public static final int CLOSURE = 85;
    public static final int QUESTION = 86;
    public static final int DEFAULT_ARG = 87;
    public static final int CALL_GLOBAL = 88;
    public static final int RETURN_LOCAL = 89;
    public static final int RETURN_ADD = 98;
    public static final int FOR_NEXT = 99;

    public static final int ITER = 90;
    public static final int ITER_NEXT = 91;
    public static final int TRY_BEGIN = 92;
    public static final int TRY_END = 93;
    public static final int TYPE_CHECK = 94;
    public static final int MATCH_FAIL = 95;
    public static final int QUESTION_JUMP = 97;
    public static final int ASSIGN_FAIL = 96;

    public static final int TEST_NONE = 100;
    public static final int TEST_WRAP = 101;
    public static final int UNWRAP = 102;
    public static final int TEST_TUPLE = 103;
    public static final int TEST_LIST = 104;
    public static final int GET_ITEM = 105;
    public static final int LIST_REST = 106;
    public static final int TEST_ENUM = 107;
    public static final int TEST_STRUCT = 108;
    public static final int GET_PAYLOAD = 109;
    public static final int TEST_EQ = 110;
    public static final int TEST_RANGE = 111;

    public static final int NURSERY_BEGIN = 120;
    public static final int NURSERY_END = 121;
    public static final int SPAWN = 122;
    public static final int AWAIT = 123;
    public static final int SELECT = 124;

    public static final int HALT = 127;

    // ---- the table -------------------------------------------------------------------

    private static final OpInfo[] INFO = new OpInfo[128];
    /** Fast: runFast executes it. Slow: it always leaves runFast for slow. */
    private static final boolean F = true;
    private static final boolean S = false;

    /* One row per opcode: name, whether runFast executes it (F) or leaves it to slow (S), stack
     * effect (fixed, or from the operands o[]), the disassembler's note (operand i renders as {i})
     * and the operand kinds. The comment says what it does; "a"/"b" are the operands popped, b on top. */
    static {
        def(CONST, "CONST", F, n(1), "{0}", CONSTANT);                    // push consts[k]
        def(UNIT, "UNIT", S, n(1), null);                          // push ()
        def(TRUE, "TRUE", S, n(1), null);                          // push true
        def(FALSE, "FALSE", S, n(1), null);                        // push false
        def(NONE, "NONE", S, n(1), null);                          // push None
        def(POP, "POP", F, n(-1), null);                           // pop 1
        def(POPN, "POPN", S, o -> -o[0], null, COUNT);             // pop n
        def(DUP, "DUP", S, n(1), null);                            // push top
        def(LOAD, "LOAD", F, n(1), "{0}", SLOT);                   // push locals[s]
        def(LOAD2, "LOAD2", F, n(2), "{0}, {1}", SLOT, SLOT);      // push locals[s], then locals[t]
        def(STORE, "STORE", F, n(-1), "{0}", SLOT);                // locals[s] = pop
        def(LOAD_CAPTURE, "LOAD_CAPTURE", F, n(1), "{0}", CAPTURE); // push closure.captures[c]
        // push globals[g] (k: its name, for the error when unset)
        def(LOAD_GLOBAL, "LOAD_GLOBAL", F, n(1), null, GLOBAL, CONSTANT);
        def(STORE_GLOBAL, "STORE_GLOBAL", F, n(-1), null, GLOBAL); // globals[g] = pop
        def(LOAD_SELF, "LOAD_SELF", S, n(1), null);                // push the running closure
        // push the host-added global consts[k], else raise consts[m]
        def(UNDEFINED, "UNDEFINED", S, n(1), "{0}", CONSTANT, CONSTANT);

        def(ADD, "ADD", F, n(-1), null);                           // push a + b
        def(SUB, "SUB", F, n(-1), null);                           // push a - b
        def(MUL, "MUL", F, n(-1), null);                           // push a * b
        def(DIV, "DIV", S, n(-1), null);                           // push a / b
        def(MOD, "MOD", F, n(-1), null);                           // push a % b
        def(NEG, "NEG", S, n(0), null);                            // push -pop
        def(NOT, "NOT", F, n(0), null);                            // push !truthy(pop)
        def(EQ, "EQ", F, n(-1), null);                             // push a == b
        def(NE, "NE", F, n(-1), null);                             // push a != b
        def(LT, "LT", S, n(-1), null);                             // push a < b
        def(LE, "LE", S, n(-1), null);                             // push a <= b
        def(GT, "GT", S, n(-1), null);                             // push a > b
        def(GE, "GE", S, n(-1), null);                             // push a >= b
        def(BAND, "BAND", S, n(-1), null);                         // push a & b
        def(BOR, "BOR", S, n(-1), null);                           // push a | b
        def(BXOR, "BXOR", S, n(-1), null);                         // push a ^ b
        def(SHL, "SHL", S, n(-1), null);                           // push a << b
        def(SHR, "SHR", S, n(-1), null);                           // push a >> b
        def(RANGE, "RANGE", S, n(-1), null, FLAGS);                // push a..b (flags 1: a..=b)
        def(TO_BOOL, "TO_BOOL", S, n(0), null);                    // push truthy(pop)
        def(ADD_INT, "ADD_INT", F, n(0), "{0} += {1}", SLOT, INT); // locals[s] = locals[s] + n
        def(ADD_CONST, "ADD_CONST", F, n(0), null, INT);           // push pop + n
        def(SUB_CONST, "SUB_CONST", F, n(0), null, INT);           // push pop - n
        def(LOAD_ADD_CONST, "LOAD_ADD_CONST", F, n(1), "{0} + {1}", SLOT, INT); // push locals[s] + n
        def(LOAD_SUB_CONST, "LOAD_SUB_CONST", F, n(1), "{0} - {1}", SLOT, INT); // push locals[s] - n
        def(ADD_TO, "ADD_TO", F, n(-1), "{0} += pop", SLOT);       // locals[s] = locals[s] + pop
        def(MUL_CONST, "MUL_CONST", F, n(0), null, INT);           // push pop * n
        def(MOD_CONST, "MOD_CONST", F, n(0), null, INT);           // push pop % n (n > 0)
        def(ADD_LOCALS, "ADD_LOCALS", F, n(1), "{0} + {1}", SLOT, SLOT); // push locals[s] + locals[t]
        def(MUL_LOCALS, "MUL_LOCALS", F, n(1), "{0} * {1}", SLOT, SLOT); // push locals[s] * locals[t]

        // pc += off (offsets count from the next instruction)
        def(JUMP, "JUMP", F, n(0), "-> {0}", OFFSET);
        def(JUMP_IF_FALSE, "JUMP_IF_FALSE", F, n(-1), "-> {0}", OFFSET); // if !truthy(pop): pc += off
        def(JUMP_IF_TRUE, "JUMP_IF_TRUE", F, n(-1), "-> {0}", OFFSET);   // if truthy(pop): pc += off
        def(JUMP_UNLESS, "JUMP_UNLESS", F, n(-2), "{0} else -> {1}", COMPARISON, OFFSET); // unless a <c> b: pc += off
        def(JUMP_UNLESS_LOCAL, "JUMP_UNLESS_LOCAL", F, n(0), "{1} {0} {2} else -> {3}",
                COMPARISON, SLOT, INT, OFFSET);                    // unless locals[s] <c> n: pc += off
        // the two below close a while-loop at its bottom (the condition jumps back to the body)
        def(JUMP_IF, "JUMP_IF", F, n(-2), "{0} -> {1}", COMPARISON, OFFSET); // if a <c> b: pc += off
        def(JUMP_IF_LOCAL, "JUMP_IF_LOCAL", F, n(0), "{1} {0} {2} -> {3}",
                COMPARISON, SLOT, INT, OFFSET);                    // if locals[s] <c> n: pc += off

        def(MAKE_LIST, "MAKE_LIST", S, o -> 1 - o[0], null, COUNT);      // pop n, push list
        def(MAKE_TUPLE, "MAKE_TUPLE", S, o -> 1 - o[0], null, COUNT);    // pop n, push tuple
        def(LIST_APPEND, "LIST_APPEND", S, n(-1), null);           // push a.push(b)
        def(LIST_EXTEND, "LIST_EXTEND", S, n(-1), null);           // push a + elements of b
        def(LIST_TO_TUPLE, "LIST_TO_TUPLE", S, n(0), null);        // push tuple(pop)
        def(MAKE_DICT, "MAKE_DICT", S, o -> 1 - 2 * o[0], null, COUNT);  // pop n (key, value) pairs, push dict
        def(DICT_INSERT, "DICT_INSERT", S, n(-2), null);           // v = pop, k = pop, push pop.insert(k, v)
        def(DICT_SPREAD, "DICT_SPREAD", S, n(-1), null);           // push a merged with b
        def(WRAP, "WRAP", S, n(0), "{0}", WRAPPER);                 // push Some/Ok/Err(pop)
        def(INDEX, "INDEX", F, n(-1), null);                       // push a[b]
        // [hi] [lo] pop; push pop[lo..hi] (flags: 1 lo, 2 hi, 4 inclusive)
        def(SLICE, "SLICE", S, o -> -Integer.bitCount(o[0] & 3), null, FLAGS);
        def(FIELD, "FIELD", S, n(0), "{0}", CONSTANT);                    // push pop.<consts[k]>
        def(SET_INDEX, "SET_INDEX", F, n(-2), null);               // v = pop, i = pop, push pop with [i] = v
        def(SET_FIELD, "SET_FIELD", S, n(-1), "{0}", CONSTANT);            // push a with .consts[k] = b
        def(TO_STR, "TO_STR", F, n(0), null);                      // push display(pop)
        def(CONCAT, "CONCAT", F, o -> 1 - o[0], null, COUNT);      // pop n strings, push their concatenation

        def(CALL, "CALL", F, o -> -o[0], null, COUNT);             // callee and argc args on stack; push result
        // kwargs dict = pop, positional list = pop, callee = pop; push result
        def(CALL_EX, "CALL_EX", S, n(-2), null);
        // receiver and argc args; push receiver.consts[k](args)
        def(CALL_METHOD, "CALL_METHOD", F, o -> -o[1], "{0}", CONSTANT, COUNT);
        // args list = pop, receiver = pop; push receiver.consts[k](*args)
        def(CALL_METHOD_EX, "CALL_METHOD_EX", S, n(-1), "{0}", CONSTANT);
        def(RETURN, "RETURN", F, n(-1), null);                     // return pop from the current frame
        def(CLOSURE, "CLOSURE", S, n(1), "{0}", PROTO);            // push a closure of protos[p] with its captures
        def(QUESTION, "QUESTION", F, n(0), null);                  // Ok(v)/Some(v) -> v; Err/None -> return it
        // if locals[s] was supplied: pc += off
        def(DEFAULT_ARG, "DEFAULT_ARG", S, n(0), "{0} given -> {1}", SLOT, OFFSET);
        // argc args on stack; push globals[g](args). The callee goes under the arguments while
        // the call starts, so one slot above them is in use (scratch 1).
        defScratch(CALL_GLOBAL, "CALL_GLOBAL", F, o -> 1 - o[1], 1, null, GLOBAL, COUNT);
        def(RETURN_LOCAL, "RETURN_LOCAL", F, n(0), "{0}", SLOT);   // return locals[s] from the current frame
        def(RETURN_ADD, "RETURN_ADD", F, n(-2), null);             // return a + b from the current frame

        def(ITER, "ITER", S, n(0), null);                          // push iterator(pop)
        // push the next value of iterator locals[s], else pc += off
        def(ITER_NEXT, "ITER_NEXT", F, n(1), "{0} else -> {1}", SLOT, OFFSET);
        // locals[t] = the next value of iterator locals[s] and pc += off; fall through when it is done
        def(FOR_NEXT, "FOR_NEXT", F, n(0), "{1} = next of {0} -> {2}", SLOT, SLOT, OFFSET);
        def(TRY_BEGIN, "TRY_BEGIN", S, n(0), "-> {0}", OFFSET);    // install a handler at pc + off
        def(TRY_END, "TRY_END", S, n(0), null);                    // remove the innermost handler
        def(TYPE_CHECK, "TYPE_CHECK", S, n(0), "{0}", CONSTANT);          // check top against type annotation consts[k]
        def(MATCH_FAIL, "MATCH_FAIL", S, n(0), "{0}", CONSTANT);          // raise consts[k] ("non-exhaustive match", …)
        // raise "cannot assign to immutable variable" for consts[k]
        def(ASSIGN_FAIL, "ASSIGN_FAIL", S, n(0), "{0}", CONSTANT);
        // Ok(v)/Some(v) -> v; Err/None -> keep it, pc += off
        def(QUESTION_JUMP, "QUESTION_JUMP", S, n(0), "-> {0}", OFFSET);

        def(TEST_NONE, "TEST_NONE", S, n(0), null);                // push pop == None
        def(TEST_WRAP, "TEST_WRAP", S, n(0), "{0}", WRAPPER);       // push pop is Some / Ok / Err
        def(UNWRAP, "UNWRAP", S, n(0), null);                      // push the payload of pop (Some/Ok/Err)
        def(TEST_TUPLE, "TEST_TUPLE", S, n(0), null, COUNT);       // push pop is a tuple of length n
        // push pop is a list of length n (flags 1) or at least n (0)
        def(TEST_LIST, "TEST_LIST", S, n(0), null, COUNT, FLAGS);
        def(GET_ITEM, "GET_ITEM", F, n(0), null, ITEM);   // push pop[i] (tuple or list)
        def(LIST_REST, "LIST_REST", S, n(0), null, ITEM); // push pop[i..] (list)
        // push pop is enum variant consts[k] with n payload values (-1: none)
        def(TEST_ENUM, "TEST_ENUM", S, n(0), "{0}", CONSTANT, INT);
        def(TEST_STRUCT, "TEST_STRUCT", S, n(0), "{0}", CONSTANT);         // push pop is host struct consts[k]
        def(GET_PAYLOAD, "GET_PAYLOAD", S, n(0), null, ITEM); // push payload i of the enum pop
        def(TEST_EQ, "TEST_EQ", S, n(-1), null);                   // push a == b (pattern literal: same type family)
        // hi lo v: push lo <= v < / <= hi
        def(TEST_RANGE, "TEST_RANGE", S, o -> -Integer.bitCount(o[0] & 3), null, FLAGS);

        def(NURSERY_BEGIN, "NURSERY_BEGIN", S, n(0), null);        // open an async {} nursery for this task
        def(NURSERY_END, "NURSERY_END", S, n(0), null);            // v = pop; join children, close the nursery, push v
        // f = pop (zero-argument closure), push task handle running f()
        def(SPAWN, "SPAWN", S, n(0), null);
        def(AWAIT, "AWAIT", S, n(0), null);                        // push await(pop)
        // pop n zero-argument closures, race them; push (arm index, value)
        def(SELECT, "SELECT", S, o -> 1 - o[0], null, COUNT);

        def(HALT, "HALT", S, n(-1), null);                         // end of the script: return pop
    }

    /** The row of {@code op}; throws for a number that is not an opcode. */
    public static OpInfo info(int op) {
        OpInfo info = op >= 0 && op < INFO.length ? INFO[op] : null;
        if (info == null) throw new IllegalArgumentException("not an opcode: " + op);
        return info;
    }

    /** Whether {@code op} is an opcode. */
    public static boolean exists(int op) {
        return op >= 0 && op < INFO.length && INFO[op] != null;
    }

    public static String name(int op) {
        return exists(op) ? INFO[op].name() : "OP_" + op;
    }

    public static int operandCount(int op) {
        return info(op).operandCount();
    }

    private static OpInfo.StackEffect n(int fixed) {
        return operands -> fixed;
    }

    private static void def(int op, String name, boolean fast, OpInfo.StackEffect effect, String note,
                            OperandKind... operands) {
        defScratch(op, name, fast, effect, 0, note, operands);
    }

    private static void defScratch(int op, String name, boolean fast, OpInfo.StackEffect effect, int scratch,
                                   String note, OperandKind... operands) {
        if (INFO[op] != null) throw new ExceptionInInitializerError("opcode " + op + " defined twice");
        INFO[op] = new OpInfo(op, name, fast, effect, scratch, note, List.of(operands));
    }
}
