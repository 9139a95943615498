package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** The {@code rand} module, drawing only from the run's {@code cx.random()} so embedders can seed it. */
final class RandModule {
    private RandModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("rand")
                .fn("int", 2, 2, (cx, a) -> IntValue.of(between(cx.random(), Args.integer("int", a[0]), Args.integer("int", a[1]))))
                .fn("float", 0, 2, (cx, a) -> {
                    if (a.length == 0) return FloatValue.of(cx.random().nextDouble());
                    if (a.length == 1) throw IonException.type("float() takes 0 or 2 arguments (1 given)");
                    double lo = Args.number("float", a[0]);
                    double hi = Args.number("float", a[1]);
                    if (!(lo <= hi)) {
                        throw IonException.runtime("float() expected lo <= hi, got " + Printer.display(a[0]) + " > " + Printer.display(a[1]));
                    }
                    if (lo == hi) return FloatValue.of(lo);
                    double r = lo + cx.random().nextDouble() * (hi - lo);
                    return FloatValue.of(r < hi ? r : Math.nextDown(hi));
                })
                .fn("bool", 0, 0, (cx, a) -> BoolValue.of(cx.random().nextBoolean()))
                .fn("bytes", 1, 1, (cx, a) -> {
                    long n = Args.count("bytes", a[0]);
                    Budget.reserveBytes(cx, "bytes", n);
                    Budget.charge(cx, n);
                    byte[] out = new byte[(int) n];
                    cx.random().nextBytes(out);
                    return BytesValue.of(out);
                })
                .fn("choice", 1, 1, (cx, a) -> {
                    Value[] items = Seq.elements(cx, "choice", a[0]);
                    if (items.length == 0) return OptionValue.NONE;
                    return OptionValue.some(items[cx.random().nextInt(items.length)]);
                })
                .fn("shuffle", 1, 1, (cx, a) -> {
                    Value[] items = Seq.elements(cx, "shuffle", a[0]);
                    RandomGenerator r = cx.random();
                    for (int i = items.length - 1; i > 0; i--) {
                        int j = r.nextInt(i + 1);
                        Value t = items[i];
                        items[i] = items[j];
                        items[j] = t;
                    }
                    return ListMethods.fresh(cx, items);
                })
                .fn("sample", 2, 2, (cx, a) -> {
                    Value[] items = Seq.elements(cx, "sample", a[0]);
                    int k = (int) Math.min(items.length, Args.count("sample", a[1]));
                    RandomGenerator r = cx.random();
                    for (int i = 0; i < k; i++) {
                        int j = i + r.nextInt(items.length - i);
                        Value t = items[i];
                        items[i] = items[j];
                        items[j] = t;
                    }
                    return ListMethods.fresh(cx, Arrays.copyOf(items, k));
                })
                .build();
    }

    /** A uniform int in {@code [lo, hi]}, inclusive at both ends. */
    static long between(RandomGenerator r, long lo, long hi) {
        if (lo > hi) throw IonException.runtime("int() expected lo <= hi, got " + lo + " > " + hi);
        long span = hi - lo + 1; // as an unsigned count; 0 means the whole long range
        if (span == 0) return r.nextLong();
        if (span > 0) return lo + r.nextLong(span);
        while (true) {
            long x = r.nextLong();
            if (x >= lo && x <= hi) return x;
        }
    }
}
