package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.util.Arrays;
import java.util.Map;

/**
 * The bodies of the instructions that build collections and strings (list, tuple and dict literals,
 * spreads, ranges, string interpolation), with the fuel and memory they charge. The interpreter pops
 * their operands and pushes what they return.
 */
final class CollectionOps {
    private CollectionOps() {
    }

    /** Copies the top {@code n} stack values (below {@code sp}) and clears their slots. */
    static Value[] popN(Value[] stack, int sp, int n) {
        if (n == 0) return new Value[0];
        Value[] items = Calls.slice(stack, sp - n, n);
        Arrays.fill(stack, sp - n, sp, null);
        return items;
    }

    static RangeValue range(Value a, Value b, boolean inclusive) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) {
            throw IonException.type("range bounds must be int, got " + a.typeName() + " and " + b.typeName());
        }
        return new RangeValue(x.value, y.value, inclusive);
    }

    /** {@code [..acc, ..it]}: appends everything {@code it} iterates over, charging as it goes. */
    static ListValue extend(Task t, ListValue acc, Value it) {
        if (it instanceof ListValue l) {
            t.charge(l.size());
            t.allocate(8L * l.size());
            return acc.concat(l);
        }
        if (it instanceof RangeValue r) t.checkSize(r.length() > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : 8 * r.length());
        IteratorValue iter = IteratorValue.of(it);
        Value v;
        int n = 0;
        while ((v = iter.next()) != null) {
            acc = acc.push(v);
            if (++n == 1024) {
                t.spend(n);
                t.allocate(8L * n);
                n = 0;
            }
        }
        t.spend(n);
        t.allocate(8L * n);
        return acc;
    }

    /** A dict literal from alternating keys and values. */
    static DictValue makeDict(Task t, Value[] keysAndValues) {
        DictValue.Builder b = DictValue.builder();
        int n = keysAndValues.length / 2;
        for (int i = 0; i < n; i++) b.put(dictKey(keysAndValues[2 * i]), keysAndValues[2 * i + 1]);
        DictValue d = b.build();
        t.allocate(32 + 24L * n);
        return d;
    }

    static DictValue insert(Task t, DictValue d, Value k, Value v) {
        DictValue r = d.insert(dictKey(k), v);
        t.allocate(24);
        return r;
    }

    /** {@code {..acc, ..src}}. */
    static DictValue spread(Task t, DictValue acc, Value src) {
        if (!(src instanceof DictValue d)) throw IonException.type("cannot spread " + src.typeName() + " into a dict");
        for (Map.Entry<String, Value> e : d.entries()) acc = acc.insert(e.getKey(), e.getValue());
        t.budget -= d.size();
        t.allocate(48L * d.size());
        return acc;
    }

    private static String dictKey(Value k) {
        if (k instanceof StrValue s) return s.str();
        throw IonException.type("dict keys must be strings, got " + k.typeName());
    }

    /**
     * The top {@code n} stack values below {@code sp}, the pieces of an f-string, joined (they are
     * strings already: TO_STR made them); their slots are cleared. Two pieces, the common
     * {@code f"k{i}"}, are joined by one copy, more by a builder of the exact length.
     */
    static StrValue concat(Task t, Value[] stack, int sp, int n) {
        int from = sp - n;
        long length = 0;
        for (int i = from; i < sp; i++) length += ((StrValue) stack[i]).javaLength();
        // refused before the copy, as + refuses: the pieces may all be one long string
        if (2 * length > t.run.limits.maxMemoryBytes() || length > Integer.MAX_VALUE - 16) throw t.memoryLimit();
        String s;
        if (n == 2) {
            s = ((StrValue) stack[from]).str().concat(((StrValue) stack[from + 1]).str());
        } else {
            StringBuilder sb = new StringBuilder((int) length);
            for (int i = from; i < sp; i++) sb.append(((StrValue) stack[i]).str());
            s = sb.toString();
        }
        Arrays.fill(stack, from, sp, null);
        t.budget -= s.length() / 16;
        t.allocate(2L * s.length());
        return StrValue.of(s);
    }

    /** Charges fuel and memory for the freshly built value {@code r} (a slice or an updated copy). */
    static Value chargeBuilt(Task t, Value r) {
        t.budget -= sizeOf(r) / 8;
        t.allocate(8 * sizeOf(r) + 16);
        return r;
    }

    private static long sizeOf(Value v) {
        if (v instanceof ListValue l) return l.size();
        if (v instanceof StrValue s) return s.javaLength();
        if (v instanceof BytesValue b) return b.size() / 8;
        if (v instanceof TupleValue tv) return tv.size();
        return 0;
    }
}
