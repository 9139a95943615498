package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.Values;

import java.util.function.DoubleUnaryOperator;

/**
 * The {@code math} module: constants and numeric functions; rounding a float gives a float and an int comes back
 * unchanged, {@code abs} keeps ints.
 */
final class MathModule {
    private MathModule() {
    }

    static ModuleValue create() {
        ModuleBuilder m = new ModuleBuilder("math")
                .value("PI", FloatValue.of(Math.PI))
                .value("E", FloatValue.of(Math.E))
                .value("TAU", FloatValue.of(2 * Math.PI))
                .value("INF", FloatValue.of(Double.POSITIVE_INFINITY))
                .value("NAN", FloatValue.of(Double.NaN))
                .fn("abs", 1, 1, (cx, a) -> abs(a[0]))
                .fn("min", 1, Args.MANY, (cx, a) -> extreme(cx, "min", a, true))
                .fn("max", 1, Args.MANY, (cx, a) -> extreme(cx, "max", a, false))
                .fn("pow", 2, 2, (cx, a) -> pow(a[0], a[1]))
                .fn("clamp", 3, 3, (cx, a) -> clamp(a[0], a[1], a[2]))
                .fn("atan2", 2, 2, (cx, a) -> FloatValue.of(Math.atan2(Args.number("atan2", a[0]), Args.number("atan2", a[1]))))
                .fn("hypot", 2, 2, (cx, a) -> FloatValue.of(Math.hypot(Args.number("hypot", a[0]), Args.number("hypot", a[1]))))
                .fn("log", 1, 2, (cx, a) -> {
                    double x = Args.number("log", a[0]);
                    if (a.length == 1) return FloatValue.of(Math.log(x));
                    return FloatValue.of(Math.log(x) / Math.log(Args.number("log", a[1])));
                })
                .fn("is_nan", 1, 1, (cx, a) -> BoolValue.of(Double.isNaN(Args.number("is_nan", a[0]))))
                .fn("is_inf", 1, 1, (cx, a) -> BoolValue.of(Double.isInfinite(Args.number("is_inf", a[0]))))
                .fn("is_finite", 1, 1, (cx, a) -> BoolValue.of(Double.isFinite(Args.number("is_finite", a[0]))));
        rounding(m, "floor", Math::floor);
        rounding(m, "ceil", Math::ceil);
        rounding(m, "round", MathModule::round);
        rounding(m, "trunc", d -> d < 0 ? Math.ceil(d) : Math.floor(d));
        unary(m, "sqrt", Math::sqrt);
        unary(m, "cbrt", Math::cbrt);
        unary(m, "exp", Math::exp);
        unary(m, "sin", Math::sin);
        unary(m, "cos", Math::cos);
        unary(m, "tan", Math::tan);
        unary(m, "asin", Math::asin);
        unary(m, "acos", Math::acos);
        unary(m, "atan", Math::atan);
        unary(m, "log2", d -> {
            if (d > 0 && d == Math.rint(d) && Long.bitCount((long) d) == 1 && d < 0x1p63) {
                return 63 - Long.numberOfLeadingZeros((long) d);
            }
            return Math.log(d) / Math.log(2);
        });
        unary(m, "log10", Math::log10);
        return m.build();
    }

    private static void unary(ModuleBuilder m, String name, DoubleUnaryOperator op) {
        m.fn(name, 1, 1, (cx, a) -> FloatValue.of(op.applyAsDouble(Args.number(name, a[0]))));
    }

    /** A rounding function: an int is already whole and comes back unchanged, a float gives a float. */
    private static void rounding(ModuleBuilder m, String name, DoubleUnaryOperator op) {
        m.fn(name, 1, 1, (cx, a) -> a[0] instanceof IntValue
                ? a[0]
                : FloatValue.of(op.applyAsDouble(Args.number(name, a[0]))));
    }

    /** Rounds half away from zero, like Rust's {@code f64::round}. */
    static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        double m = Math.abs(x);
        double t = Math.floor(m);
        double r = m - t >= 0.5 ? t + 1 : t;
        return Math.copySign(r, x);
    }

    static Value abs(Value v) {
        if (v instanceof IntValue i) {
            if (i.value == Long.MIN_VALUE) throw IonException.runtime("integer overflow");
            return i.value < 0 ? IntValue.of(-i.value) : v;
        }
        if (v instanceof FloatValue f) return FloatValue.of(Math.abs(f.value));
        throw Args.expected("abs", "a number", v);
    }

    /** min/max over the arguments, or over the elements of a single list argument; returns the original value. */
    private static Value extreme(CallContext cx, String fn, Value[] a, boolean min) {
        Value[] items = a.length == 1 && a[0] instanceof ListValue l ? l.toArray() : a;
        if (items.length == 0) throw IonException.runtime(fn + "() of an empty list");
        Budget.charge(cx, items.length);
        Value best = null;
        for (Value v : items) {
            if (!Values.isNumber(v)) throw Args.expected(fn, "numbers", v);
            if (best == null) {
                best = v;
                continue;
            }
            int c = Values.compareScalars(v, best);
            if (min ? c < 0 : c > 0) best = v;
        }
        return best;
    }

    /** int ** non-negative int stays an overflow-checked int; anything else is a float power. */
    private static Value pow(Value base, Value exp) {
        if (base instanceof IntValue b && exp instanceof IntValue e && e.value >= 0) {
            long result = 1;
            long x = b.value;
            long n = e.value;
            try {
                while (n > 0) {
                    if ((n & 1) == 1) result = Math.multiplyExact(result, x);
                    n >>= 1;
                    if (n > 0) x = Math.multiplyExact(x, x);
                }
            } catch (ArithmeticException ex) {
                throw IonException.runtime("integer overflow");
            }
            return IntValue.of(result);
        }
        return FloatValue.of(Math.pow(Args.number("pow", base), Args.number("pow", exp)));
    }

    private static Value clamp(Value x, Value lo, Value hi) {
        if (x instanceof IntValue xi && lo instanceof IntValue l && hi instanceof IntValue h) {
            if (l.value > h.value) throw IonException.runtime("clamp() expected lo <= hi, got " + l.value + " > " + h.value);
            return IntValue.of(Math.max(l.value, Math.min(h.value, xi.value)));
        }
        double v = Args.number("clamp", x);
        double l = Args.number("clamp", lo);
        double h = Args.number("clamp", hi);
        if (l > h) {
            throw IonException.runtime("clamp() expected lo <= hi, got " + Printer.display(lo) + " > " + Printer.display(hi));
        }
        if (Double.isNaN(v)) return FloatValue.of(v);
        return FloatValue.of(Math.max(l, Math.min(h, v)));
    }
}
