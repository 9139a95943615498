package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.StrValue;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The {@code rand} module as the reference publishes it (bounded forms are half-open ranges), drawing only
 * from the run's {@code cx.random()} so embedders can seed it.
 */
final class RandModule {
    private RandModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("rand")
                .fn("int", 0, 2, (cx, a) -> switch (a.length) {
                    case 0 -> IntValue.of(cx.random().nextLong());
                    case 1 -> IntValue.of(below(cx.random(), 0, Args.integer("int", a[0]), true));
                    default -> IntValue.of(below(cx.random(), Args.integer("int", a[0]), Args.integer("int", a[1]), false));
                })
                .fn("float", 0, 2, (cx, a) -> switch (a.length) {
                    case 0 -> FloatValue.of(cx.random().nextDouble());
                    case 1 -> FloatValue.of(below(cx.random(), 0, Args.number("float", a[0]), true));
                    default -> FloatValue.of(below(cx.random(), Args.number("float", a[0]), Args.number("float", a[1]), false));
                })
                .fn("bool", 0, 1, (cx, a) -> {
                    if (a.length == 0) return BoolValue.of(cx.random().nextBoolean());
                    double p = Args.number("bool", a[0]);
                    if (!(p >= 0.0 && p <= 1.0)) {
                        throw IonException.runtime("bool() expected a probability in 0.0..=1.0, got " + Printer.display(a[0]));
                    }
                    return BoolValue.of(cx.random().nextDouble() < p);
                })
                .fn("bytes", 1, 1, (cx, a) -> {
                    long n = Args.count("bytes", a[0]);
                    Budget.reserveBytes(cx, "bytes", n);
                    Budget.charge(cx, n);
                    byte[] out = new byte[(int) n];
                    cx.random().nextBytes(out);
                    return BytesValue.of(out);
                })
                .fn("choice", 1, 1, (cx, a) -> {
                    if (!(a[0] instanceof ListValue || a[0] instanceof StrValue || a[0] instanceof BytesValue)) {
                        throw Args.expected("choice", "a list, string or bytes", a[0]);
                    }
                    Value[] items = Seq.elements(cx, "choice", a[0]);
                    if (items.length == 0) return OptionValue.NONE;
                    return OptionValue.some(items[cx.random().nextInt(items.length)]);
                })
                .fn("shuffle", 1, 1, (cx, a) -> {
                    Value[] items = listOrBytes(cx, "shuffle", a[0]);
                    pick(cx.random(), items, items.length);
                    return same(cx, a[0], items);
                })
                .fn("sample", 2, 2, (cx, a) -> {
                    Value[] items = listOrBytes(cx, "sample", a[0]);
                    long n = Args.count("sample", a[1]);
                    if (n > items.length) {
                        throw IonException.runtime("sample() cannot take " + n + " elements from " + items.length);
                    }
                    pick(cx.random(), items, (int) n);
                    return same(cx, a[0], Arrays.copyOf(items, (int) n));
                })
                .build();
    }

    private static Value[] listOrBytes(CallContext cx, String fn, Value v) {
        if (!(v instanceof ListValue || v instanceof BytesValue)) throw Args.expected(fn, "a list or bytes", v);
        return Seq.elements(cx, fn, v);
    }

    /** Moves a uniform random choice of {@code k} distinct elements to the front (partial Fisher-Yates). */
    private static void pick(RandomGenerator r, Value[] items, int k) {
        for (int i = 0; i < Math.min(k, items.length - 1); i++) {
            int j = i + r.nextInt(items.length - i);
            Value t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }

    /** The picked elements as the same kind of sequence the caller gave: bytes stay bytes. */
    private static Value same(CallContext cx, Value original, Value[] items) {
        if (!(original instanceof BytesValue)) return ListMethods.fresh(cx, items);
        byte[] out = new byte[items.length];
        for (int i = 0; i < out.length; i++) out[i] = (byte) ((IntValue) items[i]).value;
        Budget.allocate(cx, Budget.bytesCost(out.length));
        return BytesValue.of(out);
    }

    /** A uniform int in the half-open range {@code [lo, hi)}. */
    static long below(RandomGenerator r, long lo, long hi, boolean maxOnly) {
        if (lo >= hi) throw emptyRange("int", maxOnly, Long.toString(lo), Long.toString(hi));
        long span = hi - lo; // as an unsigned count
        if (span > 0) return lo + r.nextLong(span);
        while (true) {
            long x = r.nextLong();
            if (x >= lo && x < hi) return x;
        }
    }

    /** A uniform float in the half-open range {@code [lo, hi)}; both bounds must be finite. */
    static double below(RandomGenerator r, double lo, double hi, boolean maxOnly) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw IonException.runtime("float() expected finite bounds, got " + Printer.display(FloatValue.of(lo))
                    + " and " + Printer.display(FloatValue.of(hi)));
        }
        if (lo >= hi) throw emptyRange("float", maxOnly, Printer.display(FloatValue.of(lo)), Printer.display(FloatValue.of(hi)));
        double u = r.nextDouble();
        double x = Double.isFinite(hi - lo) ? lo + u * (hi - lo) : lo * (1 - u) + hi * u;
        return x < hi ? Math.max(x, lo) : Math.nextDown(hi);
    }

    private static IonException emptyRange(String fn, boolean maxOnly, String lo, String hi) {
        if (maxOnly) return IonException.runtime(fn + "() expected max > 0, got " + hi);
        return IonException.runtime(fn + "() expected min < max, got " + lo + " >= " + hi);
    }
}
