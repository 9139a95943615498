package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

/**
 * The fast paths of {@link Interpreter#runFast}, one static method per instruction, for the code a
 * {@link LoopCompiler} generates: each does what the fast loop's case does on the operands it is given and
 * returns the result, or null (a negative int for the comparisons) where the fast loop would leave the
 * instruction to the general path — before changing anything. Generated code keeps only the stack
 * shuffling, the jumps and the fuel count; the JIT inlines these small methods into it.
 *
 * <p>Each method here must stay exactly what the fast loop does: the tier module's differential test runs
 * every golden script with the tier off and eager and compares output, fuel, memory and error positions.
 */
final class TierOps {
    private TierOps() {
    }

    /** What {@link #next} returns for an exhausted list or tuple iterator. */
    static final Value EXHAUSTED = new Value() {
        @Override
        public String typeName() {
            return "exhausted";
        }
    };

    static int exit(Task t, Frame frame, int pc, int sp, long budget, int exit) {
        frame.pc = pc;
        t.fp = frame.depth;
        t.sp = sp;
        t.budget = budget;
        return exit;
    }

    static Value add(Value a, Value b) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) return null;
        long r = x.value + y.value;
        if (((x.value ^ r) & (y.value ^ r)) < 0) return null;
        return IntValue.of(r);
    }

    static Value sub(Value a, Value b) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) return null;
        long n = -y.value;
        long r = x.value + n;
        if (((x.value ^ r) & (n ^ r)) < 0 || n == Long.MIN_VALUE) return null;
        return IntValue.of(r);
    }

    /** ADD_CONST, SUB_CONST (with {@code n} negated), LOAD_ADD_CONST, LOAD_SUB_CONST and ADD_INT. */
    static Value addConst(Value a, long n) {
        if (!(a instanceof IntValue x)) return null;
        long r = x.value + n;
        if (((x.value ^ r) & (n ^ r)) < 0) return null;
        return IntValue.of(r);
    }

    static Value mul(Value a, Value b) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)
                || x.value != (int) x.value || y.value != (int) y.value) return null;
        return IntValue.of(x.value * y.value);
    }

    static Value mulConst(Value a, int n) {
        if (!(a instanceof IntValue x) || x.value != (int) x.value) return null;
        return IntValue.of(x.value * n);
    }

    static Value mod(Value a, Value b) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y) || y.value <= 0) return null;
        return IntValue.of(x.value % y.value);
    }

    static Value modConst(Value a, int n) {
        if (!(a instanceof IntValue x)) return null;
        return IntValue.of(x.value % n);
    }

    static Value eq(Value a, Value b, boolean equal) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) return null;
        return BoolValue.of((x.value == y.value) == equal);
    }

    /** JUMP_UNLESS and JUMP_IF: 1 when {@code a <comparison> b} holds, 0 when not, -1 when they are not ints. */
    static int compare(Value a, Value b, int comparison) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) return -1;
        return Interpreter.compare(comparison, x.value, y.value) ? 1 : 0;
    }

    /** JUMP_UNLESS_LOCAL and JUMP_IF_LOCAL, as {@link #compare}. */
    static int compareConst(Value a, int comparison, int b) {
        if (!(a instanceof IntValue x)) return -1;
        return Interpreter.compare(comparison, x.value, b) ? 1 : 0;
    }

    /** LT, LE, GT and GE ({@code comparison} = op - LT) on two ints, as the general path computes them; else null. */
    static Value compareToBool(Value a, Value b, int comparison) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) return null;
        return BoolValue.of(Interpreter.compare(comparison, x.value, y.value));
    }

    /** TO_BOOL of a bool (itself); anything else is left to the general path. */
    static Value toBool(Value v) {
        return v == BoolValue.TRUE || v == BoolValue.FALSE ? v : null;
    }

    /**
     * MAKE_LIST of the {@code n} values below {@code sp}, with the bytes the general path charges; their slots
     * are cleared. Null, with nothing changed, when the bytes do not fit.
     */
    static Value makeList(RunState run, Value[] stack, int sp, int n) {
        if (!Interpreter.fits(run, 16 + 8L * n)) return null;
        Value list = ListValue.of(CollectionOps.popN(stack, sp, n));
        Interpreter.charge(run, 16 + 8L * n);
        return list;
    }

    /** MAKE_TUPLE of the {@code n} values below {@code sp}; their slots are cleared. */
    static Value makeTuple(Value[] stack, int sp, int n) {
        return TupleValue.of(CollectionOps.popN(stack, sp, n));
    }

    /**
     * CONCAT of the {@code n} strings below {@code sp}, as {@code CollectionOps.concat} joins and charges them
     * (its fuel is {@link #concatCost}); their slots are cleared. Null, with nothing changed, when a piece
     * is not a string or the memory does not fit.
     */
    static Value concatN(RunState run, Value[] stack, int sp, int n) {
        long length = 0;
        for (int i = sp - n; i < sp; i++) {
            if (!(stack[i] instanceof StrValue piece)) return null;
            length += piece.javaLength();
        }
        if (length > Integer.MAX_VALUE - 16 || !Interpreter.fits(run, 2 * length)) return null;
        StringBuilder sb = new StringBuilder((int) length);
        for (int i = sp - n; i < sp; i++) {
            sb.append(((StrValue) stack[i]).str());
            stack[i] = null;
        }
        Interpreter.charge(run, 2 * length);
        return StrValue.of(sb.toString());
    }

    /** JUMP_IF_FALSE, JUMP_IF_TRUE and NOT: 1 for true, 0 for false, -1 for anything else. */
    static int bool(Value v) {
        return v == BoolValue.TRUE ? 1 : v == BoolValue.FALSE ? 0 : -1;
    }

    static Value not(Value v) {
        return v == BoolValue.TRUE ? BoolValue.FALSE : v == BoolValue.FALSE ? BoolValue.TRUE : null;
    }

    static Value index(Value container, Value key) {
        if (container instanceof ListValue l) {
            if (!(key instanceof IntValue i) || i.value < 0 || i.value >= l.size()) return null;
            return l.get((int) i.value);
        }
        if (container instanceof DictValue d && key instanceof StrValue k && k.hashesUncharged()) return d.get(k.str());
        return null;
    }

    /**
     * SET_INDEX (16 bytes charged, as {@code Access.setIndex} and {@code chargeBuilt} do) and DICT_INSERT (24, as
     * {@code CollectionOps.insert}) under a string key; null where the dict would first have to be converted.
     */
    static Value insertUnderStringKey(RunState run, Value container, Value key, Value value, long bytes) {
        if (!(container instanceof DictValue d) || !(key instanceof StrValue k)
                || !k.hashesUncharged() || !Interpreter.fits(run, bytes)) return null;
        DictValue updated = d.insertWithoutConversion(k.str(), value);
        if (updated == null) return null;
        Interpreter.charge(run, bytes);
        return updated;
    }

    /** TO_STR: the string itself, an int's digits, or null. */
    static Value toStr(Value v) {
        if (v instanceof IntValue i) return StrValue.of(Long.toString(i.value));
        return v instanceof StrValue ? v : null;
    }

    /** The fuel TO_STR charges beyond its instruction for turning {@code before} into {@code after}. */
    static long toStrCost(Value before, Value after) {
        return before == after ? 0 : ((StrValue) after).javaLength() / 16;
    }

    /** CONCAT of two strings, with the memory charged; its fuel is {@link #concatCost}. */
    static Value concat(RunState run, Value a, Value b) {
        if (!(a instanceof StrValue x) || !(b instanceof StrValue y)) return null;
        long length = (long) x.javaLength() + y.javaLength();
        if (length > Integer.MAX_VALUE - 16 || !Interpreter.fits(run, 2 * length)) return null;
        Interpreter.charge(run, 2 * length);
        return StrValue.of(x.str().concat(y.str()));
    }

    static long concatCost(Value joined) {
        return ((StrValue) joined).javaLength() / 16;
    }

    /** ITER_NEXT and FOR_NEXT: the next item, {@link #EXHAUSTED}, or null where the general path decides. */
    static Value next(Value iterator) {
        if (iterator instanceof IteratorValue.Counting c && c.next < c.end) return IntValue.of(c.next++);
        if (iterator instanceof IteratorValue.Indexed ix) return ix.next < ix.size ? ix.at(ix.next++) : EXHAUSTED;
        return null;
    }

    static Value getItem(Value v, int i) {
        if (v instanceof TupleValue tv) return tv.get(i);
        if (v instanceof ListValue l) return l.get(i);
        return null;
    }

    static Value question(Value v) {
        if (v instanceof ResultValue r && r.isOk()) return r.value();
        if (v instanceof OptionValue o && o.isSome()) return o.value();
        return null;
    }

    /** TEST_WRAP, TEST_TUPLE and TEST_LIST: the pattern tests, which cannot fail. */
    static Value testWrap(Value v, int kind) {
        return PatternOps.testWrap(kind, v);
    }

    static Value testTuple(Value v, int n) {
        return PatternOps.testTuple(v, n);
    }

    static Value testList(Value v, int n, int flags) {
        return PatternOps.testList(v, n, flags == 1);
    }

    /** UNWRAP of a Some, Ok or Err (what TEST_WRAP let through); anything else is left to the general path. */
    static Value unwrap(Value v) {
        if (v instanceof OptionValue o) return o.isSome() ? o.value() : null;
        return v instanceof ResultValue ? PatternOps.unwrap(v) : null;
    }

    /** {@code list.push(v)} (and LIST_APPEND) that does not copy, with its 8 bytes charged. */
    static Value push(RunState run, Value receiver, Value v) {
        if (!(receiver instanceof ListValue l) || l.pushCopies() || !Interpreter.fits(run, 8)) return null;
        Interpreter.charge(run, 8);
        return l.push(v);
    }

    static Value len(Value receiver) {
        if (receiver instanceof ListValue l) return IntValue.of(l.size());
        if (receiver instanceof DictValue d) return IntValue.of(d.size());
        return null;
    }

    /**
     * {@code x.unwrap()} of a Some or an Ok, for the fast loop and the tier alike; anything else (None and Err fail
     * there) is left to the general path.
     */
    static Value unwrapMethod(Value receiver) {
        if (receiver instanceof OptionValue o) return o.value();
        return receiver instanceof ResultValue r && r.isOk() ? r.value() : null;
    }

    /** {@code dict.get(key)} ({@code get} true) or {@code dict.contains_key(key)} under a string key. */
    static Value dictLookup(Value receiver, Value key, boolean get) {
        if (!(receiver instanceof DictValue d) || !(key instanceof StrValue k) || !k.hashesUncharged()) return null;
        Value v = d.get(k.str());
        return get ? OptionValue.of(v) : BoolValue.of(v != null);
    }
}
