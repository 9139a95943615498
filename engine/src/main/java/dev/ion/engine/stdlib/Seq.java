package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.util.Map;

/** Turns any iterable value (as {@code for} sees it, LANGUAGE.md §2) into an array of its elements. */
public final class Seq {
    private Seq() {
    }

    static final String ITERABLE = "a list, tuple, set, range, string, bytes or dict";

    static boolean isIterable(Value v) {
        return v instanceof ListValue || v instanceof TupleValue || v instanceof SetValue || v instanceof RangeValue
                || v instanceof StrValue || v instanceof BytesValue || v instanceof DictValue;
    }

    /**
     * The elements of {@code v}: strings by character, bytes as ints, dicts as (key, value) tuples.
     * Charges fuel per element and refuses ranges too large to materialise; the caller reports the
     * memory of whatever it builds from the result.
     */
    public static Value[] elements(CallContext cx, String fn, Value v) {
        Value[] out;
        long charged = 0;
        if (v instanceof ListValue l) {
            out = l.toArray();
        } else if (v instanceof TupleValue t) {
            out = t.items().clone();
        } else if (v instanceof SetValue s) {
            out = s.items().toArray(new Value[0]);
        } else if (v instanceof RangeValue r) {
            long n = r.length();
            Budget.check(cx, fn, n, 16 + 8.0 * n);
            out = new Value[(int) n];
            for (int i = 0; i < n; i++) {
                out[i] = IntValue.of(r.start + i);
                if ((i & Budget.CHUNK_MASK) == Budget.CHUNK_MASK) Budget.progress(Budget.CHUNK_MASK + 1);
            }
            charged = n & ~(long) Budget.CHUNK_MASK;
        } else if (v instanceof StrValue s) {
            out = Text.chars(s.str());
        } else if (v instanceof BytesValue b) {
            out = new Value[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = IntValue.of(b.get(i));
                if ((i & Budget.CHUNK_MASK) == Budget.CHUNK_MASK) Budget.progress(Budget.CHUNK_MASK + 1);
            }
            charged = out.length & ~(long) Budget.CHUNK_MASK;
        } else if (v instanceof DictValue d) {
            out = new Value[d.size()];
            int i = 0;
            for (Map.Entry<String, Value> e : d.entries()) {
                out[i] = TupleValue.of(StrValue.of(e.getKey()), e.getValue());
                if ((i & Budget.CHUNK_MASK) == Budget.CHUNK_MASK) Budget.progress(Budget.CHUNK_MASK + 1);
                i++;
            }
            charged = out.length & ~(long) Budget.CHUNK_MASK;
        } else {
            throw Args.expected(fn, ITERABLE, v);
        }
        Budget.charge(cx, out.length - charged);
        return out;
    }
}
