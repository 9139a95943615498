package dev.ion.engine.compile;

/**
 * The instruction set. Code is an {@code int[]}: each instruction is an opcode followed
 * by its operands, as commented. "push"/"pop" refer to the task's operand stack.
 */
public final class Opcodes {
    private Opcodes() {
    }

    public static final int CONST = 0;          // k            push consts[k]
    public static final int UNIT = 1;           //              push ()
    public static final int TRUE = 2;           //              push true
    public static final int FALSE = 3;          //              push false
    public static final int NONE = 4;           //              push None
    public static final int POP = 5;            //              pop 1
    public static final int POPN = 6;           // n            pop n
    public static final int DUP = 7;            //              push top
    public static final int LOAD = 8;           // s            push locals[s]
    public static final int STORE = 9;          // s            locals[s] = pop
    public static final int LOAD_CAPTURE = 10;  // c            push closure.captures[c]
    public static final int LOAD_GLOBAL = 11;   // g k          push globals[g] (k: name constant, for the error when unset)
    public static final int STORE_GLOBAL = 12;  // g            globals[g] = pop
    public static final int LOAD_SELF = 13;     //              push the running closure
    public static final int UNDEFINED = 14;     // k m          push the host-added global consts[k], else raise consts[m]

    public static final int ADD = 20;           //              b = pop, a = pop, push a + b
    public static final int SUB = 21;           //              a - b
    public static final int MUL = 22;           //              a * b
    public static final int DIV = 23;           //              a / b
    public static final int MOD = 24;           //              a % b
    public static final int NEG = 25;           //              push -pop
    public static final int NOT = 26;           //              push !truthy(pop)
    public static final int EQ = 27;            //              push a == b
    public static final int NE = 28;            //              push a != b
    public static final int LT = 29;            //              push a < b
    public static final int LE = 30;            //              push a <= b
    public static final int GT = 31;            //              push a > b
    public static final int GE = 32;            //              push a >= b
    public static final int BAND = 33;          //              push a & b
    public static final int BOR = 34;           //              push a | b
    public static final int BXOR = 35;          //              push a ^ b
    public static final int SHL = 36;           //              push a << b
    public static final int SHR = 37;           //              push a >> b
    public static final int RANGE = 38;         // incl         b = pop, a = pop, push a..b (incl=1: a..=b)
    public static final int TO_BOOL = 39;       //              push truthy(pop)
    public static final int ADD_INT = 40;       // s n          locals[s] = locals[s] + n (n: an int literal, as are all n below)
    public static final int ADD_CONST = 41;     // n            push pop + n
    public static final int SUB_CONST = 42;     // n            push pop - n
    public static final int LOAD_ADD_CONST = 43;// s n          push locals[s] + n
    public static final int LOAD_SUB_CONST = 44;// s n          push locals[s] - n

    public static final int JUMP = 50;          // off          pc += off
    public static final int JUMP_IF_FALSE = 51; // off          if !truthy(pop): pc += off
    public static final int JUMP_IF_TRUE = 52;  // off          if truthy(pop): pc += off
    public static final int JUMP_UNLESS = 54;   // c off        b = pop, a = pop; unless a <c> b: pc += off (c: 0 <, 1 <=, 2 >, 3 >=)
    public static final int JUMP_UNLESS_LOCAL = 55; // c s n off unless locals[s] <c> n: pc += off (c as for JUMP_UNLESS)

    public static final int MAKE_LIST = 60;     // n            pop n, push list
    public static final int MAKE_TUPLE = 61;    // n            pop n, push tuple
    public static final int LIST_APPEND = 62;   //              v = pop, push pop.push(v)
    public static final int LIST_EXTEND = 63;   //              it = pop, push pop + elements of it
    public static final int LIST_TO_TUPLE = 64; //              push tuple(pop)
    public static final int MAKE_DICT = 65;     // n            pop n (key, value) pairs, push dict
    public static final int DICT_INSERT = 66;   //              v = pop, k = pop, push pop.insert(k, v)
    public static final int DICT_SPREAD = 67;   //              d = pop, push pop merged with d
    public static final int WRAP = 68;          // w            push Some(pop) (w=0), Ok(pop) (1), Err(pop) (2)
    public static final int INDEX = 69;         //              i = pop, push pop[i]
    public static final int SLICE = 70;         // flags        [hi] [lo] pop; push pop[lo..hi] (flags: 1 lo, 2 hi, 4 inclusive)
    public static final int FIELD = 71;         // k            push pop.<consts[k]>
    public static final int SET_INDEX = 72;     //              v = pop, i = pop, push pop with [i] = v
    public static final int SET_FIELD = 73;     // k            v = pop, push pop with .consts[k] = v
    public static final int TO_STR = 74;        //              push display(pop)
    public static final int CONCAT = 75;        // n            pop n strings, push their concatenation

    public static final int CALL = 80;          // argc         callee and argc args on stack; push result
    public static final int CALL_EX = 81;       //              kwargs dict = pop, positional list = pop, callee = pop; push result
    public static final int CALL_METHOD = 82;   // k argc       receiver and argc args; push receiver.consts[k](args)
    public static final int CALL_METHOD_EX = 83;// k            args list = pop, receiver = pop; push receiver.consts[k](*args)
    public static final int RETURN = 84;        //              return pop from the current frame
    public static final int CLOSURE = 85;       // p            push a closure of protos[p] with its captures
    public static final int QUESTION = 86;      //              Ok(v)/Some(v) -> v; Err/None -> return it
    public static final int DEFAULT_ARG = 87;   // s off        if locals[s] was supplied: pc += off (else evaluate the default)
    public static final int CALL_GLOBAL = 88;   // g argc       argc args on stack; push globals[g](args) (g: a hoisted top-level fn)
    public static final int RETURN_LOCAL = 89;  // s            return locals[s] from the current frame

    public static final int ITER = 90;          //              push iterator(pop)
    public static final int ITER_NEXT = 91;     // s off        if locals[s] (an iterator) has a next value push it, else pc += off
    public static final int TRY_BEGIN = 92;     // off          install a handler at pc + off
    public static final int TRY_END = 93;       //              remove the innermost handler
    public static final int TYPE_CHECK = 94;    // k            check pop against type annotation consts[k] (pushes it back)
    public static final int MATCH_FAIL = 95;    // k            raise consts[k] ("non-exhaustive match", …)
    public static final int QUESTION_JUMP = 97; // off          Ok(v)/Some(v) -> v; Err/None -> keep it, pc += off (`?` in async)
    public static final int ASSIGN_FAIL = 96;   // k            raise "cannot assign to immutable variable" for consts[k]

    public static final int TEST_NONE = 100;    //              push pop == None
    public static final int TEST_WRAP = 101;    // w            push pop is Some (w=0) / Ok (1) / Err (2)
    public static final int UNWRAP = 102;       //              push the payload of pop (Some/Ok/Err)
    public static final int TEST_TUPLE = 103;   // n            push pop is a tuple of length n
    public static final int TEST_LIST = 104;    // n exact      push pop is a list of length n (exact=1) or at least n (0)
    public static final int GET_ITEM = 105;     // i            push pop[i] (tuple or list)
    public static final int LIST_REST = 106;    // i            push pop[i..] (list)
    public static final int TEST_ENUM = 107;    // k n          push pop is host enum variant consts[k] with n payload values (n=-1: no payload)
    public static final int TEST_STRUCT = 108;  // k            push pop is host struct consts[k]
    public static final int GET_PAYLOAD = 109;  // i            push payload i of the enum pop
    public static final int TEST_EQ = 110;      //              b = pop, a = pop, push a == b (pattern literal: same type family)
    public static final int TEST_RANGE = 111;   // flags        hi lo v: push lo <= v < / <= hi (flags: 1 lo, 2 hi, 4 inclusive)

    public static final int NURSERY_BEGIN = 120;//              open an async {} nursery for this task
    public static final int NURSERY_END = 121;  //              v = pop; join children, close the nursery, push v
    public static final int SPAWN = 122;        //              f = pop (zero-argument closure), push task handle running f()
    public static final int AWAIT = 123;        //              push await(pop)
    public static final int SELECT = 124;       // n            pop n zero-argument closures, race them; push (arm index, value)

    public static final int HALT = 127;         //              end of the script: return pop

    private static final String[] NAMES = new String[128];
    private static final int[] OPERANDS = new int[128];

    static {
        for (java.lang.reflect.Field f : Opcodes.class.getFields()) {
            if (f.getType() == int.class) {
                try {
                    NAMES[f.getInt(null)] = f.getName();
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
        for (int op : new int[] {CONST, ADD_CONST, SUB_CONST, POPN, LOAD, STORE, LOAD_CAPTURE, STORE_GLOBAL, RANGE, JUMP,
                JUMP_IF_FALSE, JUMP_IF_TRUE, MAKE_LIST, MAKE_TUPLE, MAKE_DICT, WRAP, SLICE, FIELD, SET_FIELD, CONCAT,
                CALL, CALL_METHOD_EX, RETURN_LOCAL, CLOSURE, TRY_BEGIN, QUESTION_JUMP, TYPE_CHECK, MATCH_FAIL, ASSIGN_FAIL, TEST_WRAP,
                TEST_TUPLE, GET_ITEM, LIST_REST, TEST_STRUCT, GET_PAYLOAD, TEST_RANGE, SELECT}) {
            OPERANDS[op] = 1;
        }
        for (int op : new int[] {LOAD_GLOBAL, UNDEFINED, CALL_GLOBAL, ADD_INT, LOAD_ADD_CONST, LOAD_SUB_CONST, JUMP_UNLESS, CALL_METHOD, DEFAULT_ARG, ITER_NEXT, TEST_LIST, TEST_ENUM}) {
            OPERANDS[op] = 2;
        }
        OPERANDS[JUMP_UNLESS_LOCAL] = 4;
    }

    public static String name(int op) {
        String n = op >= 0 && op < NAMES.length ? NAMES[op] : null;
        return n == null ? "OP_" + op : n;
    }

    public static int operandCount(int op) {
        return OPERANDS[op];
    }
}
