package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.util.Iterator;
import java.util.Map;

/** The state of a {@code for} loop or comprehension over an iterable value; lives in a local slot. */
abstract class IteratorValue extends Value {
    /** The next element, or null when exhausted. */
    abstract Value next();

    @Override
    public String typeName() {
        return "iterator";
    }

    static IteratorValue of(Value v) {
        if (v instanceof ListValue l) {
            long[][] ints = l.intChunks();
            return ints != null ? new Indexed(null, ints, l.size()) : indexed(l.boxed(), l.size());
        }
        if (v instanceof TupleValue t) return indexed(t.items(), t.size());
        if (v instanceof RangeValue r) return new Counting(r);
        if (v instanceof StrValue s) {
            String str = s.str();
            return new IteratorValue() {
                int i;

                @Override
                Value next() {
                    if (i >= str.length()) return null;
                    int cp = str.codePointAt(i);
                    i += Character.charCount(cp);
                    return StrValue.ofCodePoint(cp);
                }
            };
        }
        if (v instanceof BytesValue b) {
            return new IteratorValue() {
                int i;

                @Override
                Value next() {
                    return i < b.size() ? IntValue.of(b.get(i++)) : null;
                }
            };
        }
        if (v instanceof DictValue d) {
            Iterator<Map.Entry<String, Value>> it = d.entries().iterator();
            return new IteratorValue() {
                @Override
                Value next() {
                    if (!it.hasNext()) return null;
                    Map.Entry<String, Value> e = it.next();
                    return TupleValue.of(StrValue.of(e.getKey()), e.getValue());
                }
            };
        }
        if (v instanceof SetValue s) {
            Iterator<Value> it = s.items().iterator();
            return new IteratorValue() {
                @Override
                Value next() {
                    return it.hasNext() ? it.next() : null;
                }
            };
        }
        throw IonException.type("cannot iterate over " + v.typeName());
    }

    private static IteratorValue indexed(Value[] items, int size) {
        return new Indexed(items, null, size);
    }

    /**
     * Over the first {@code size} items of an array (lists and tuples), or of a list's unboxed
     * ints when {@code items} is null; the VM steps it inline.
     */
    static final class Indexed extends IteratorValue {
        private final Value[] items;
        private final long[][] ints;
        final int size;
        int next;

        Indexed(Value[] items, long[][] ints, int size) {
            this.items = items;
            this.ints = ints;
            this.size = size;
        }

        /** Item {@code i} (below {@code size}). */
        Value at(int i) {
            return items != null ? items[i] : IntValue.of(ListValue.intAt(ints, i));
        }

        @Override
        Value next() {
            return next < size ? at(next++) : null;
        }
    }

    /** Over a range of ints; the VM steps it inline while {@code next < end}. */
    static final class Counting extends IteratorValue {
        private final RangeValue range;
        final long end;
        long next;
        private boolean done;

        Counting(RangeValue range) {
            this.range = range;
            this.next = range.start;
            this.end = range.endExclusive();
        }

        @Override
        Value next() {
            if (next >= end) {
                // an inclusive range ending at the largest int has no exclusive end: yield it once
                if (range.inclusive && range.end == Long.MAX_VALUE && !done && next == end) {
                    done = true;
                    return IntValue.of(end);
                }
                return null;
            }
            return IntValue.of(next++);
        }
    }
}
