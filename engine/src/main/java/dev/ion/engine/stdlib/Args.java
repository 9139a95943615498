package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.StrValue;

/** Argument checking shared by every built-in, so arity and type errors read the same everywhere. */
public final class Args {
    private Args() {
    }

    /** Marks a variadic upper bound. */
    public static final int MANY = Arity.MANY;

    /**
     * Fails unless {@code given} lies in {@code [min, max]} ({@code max == MANY}: no upper bound), with
     * messages like {@code len() takes 1 argument (2 given)} or {@code pad_start() takes 1 to 2 arguments (0 given)}.
     */
    public static void arity(String fn, int given, int min, int max) {
        Arity.check(fn, given, min, max);
    }

    public static String arityMessage(String fn, int given, int min, int max) {
        return Arity.message(fn, given, min, max);
    }

    /** A type error naming the function, what it expected and what it got. */
    public static IonException expected(String fn, String what, Value got) {
        return Arity.argument(fn + "() expected " + what + ", got " + got.typeName());
    }

    public static long integer(String fn, Value v) {
        if (v instanceof IntValue i) return i.value;
        throw expected(fn, "an int", v);
    }

    /** An int argument that must not be negative (a count or size). */
    public static long count(String fn, Value v) {
        long n = integer(fn, v);
        if (n < 0) throw IonException.runtime(fn + "() expected a non-negative count, got " + n);
        return n;
    }

    /** An int or float argument as a double. */
    public static double number(String fn, Value v) {
        if (v instanceof IntValue i) return i.value;
        if (v instanceof FloatValue f) return f.value;
        throw expected(fn, "a number", v);
    }

    public static StrValue str(String fn, Value v) {
        if (v instanceof StrValue s) return s;
        throw expected(fn, "a string", v);
    }

    public static String string(String fn, Value v) {
        return str(fn, v).str();
    }

    public static boolean bool(String fn, Value v) {
        if (v instanceof BoolValue b) return b.value;
        throw expected(fn, "a bool", v);
    }

    public static ListValue list(String fn, Value v) {
        if (v instanceof ListValue l) return l;
        throw expected(fn, "a list", v);
    }

    public static DictValue dict(String fn, Value v) {
        if (v instanceof DictValue d) return d;
        throw expected(fn, "a dict", v);
    }

    public static BytesValue bytes(String fn, Value v) {
        if (v instanceof BytesValue b) return b;
        throw expected(fn, "bytes", v);
    }

    /** True for values the VM can call: Ion functions/closures and built-ins. */
    public static boolean isCallable(Value v) {
        String t = v.typeName();
        return v instanceof BuiltinFn || "fn".equals(t) || "builtin_fn".equals(t);
    }

    public static Value callable(String fn, Value v) {
        if (isCallable(v)) return v;
        throw expected(fn, "a function", v);
    }

    /**
     * Resolves an index that may be negative (counting from the end) against {@code size};
     * fails with "index out of bounds" when it does not land inside.
     */
    public static int index(String fn, long i, int size) {
        long j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) {
            throw IonException.runtime("index out of bounds: " + fn + "() index " + i + " for length " + size);
        }
        return (int) j;
    }

    /** Clamps a slice bound (negative counts from the end) into {@code [0, size]}. */
    public static int bound(long i, int size) {
        long j = i < 0 ? i + size : i;
        return (int) Math.max(0, Math.min(size, j));
    }

    /** Saturates a long to the int range, for sizes that are then clamped anyway. */
    public static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
