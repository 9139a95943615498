package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/** The methods of lists (LANGUAGE.md §8); callbacks run as resumable loops ({@link Callbacks.Loop}). */
final class ListMethods {
    private ListMethods() {
    }

    static final MethodTable TABLE = new MethodTable()
            .add("len", 0, 0, (cx, a) -> IntValue.of(recv(a).size()))
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(recv(a).size() == 0))
            .add("first", 0, 0, (cx, a) -> recv(a).size() == 0 ? OptionValue.NONE : OptionValue.some(recv(a).get(0)))
            .add("last", 0, 0, (cx, a) -> {
                ListValue l = recv(a);
                return l.size() == 0 ? OptionValue.NONE : OptionValue.some(l.get(l.size() - 1));
            })
            .add("get", 1, 1, (cx, a) -> {
                ListValue l = recv(a);
                long i = Args.integer("get", a[1]);
                long j = i < 0 ? i + l.size() : i;
                return j < 0 || j >= l.size() ? OptionValue.NONE : OptionValue.some(l.get((int) j));
            })
            .add("contains", 1, 1, (cx, a) -> BoolValue.of(indexOf(cx, recv(a), a[1]) >= 0))
            .add("push", 1, 1, (cx, a) -> {
                Budget.allocate(cx, 8);
                return recv(a).push(a[1]);
            })
            .add("pop", 0, 0, (cx, a) -> {
                ListValue l = recv(a);
                if (l.size() == 0) return TupleValue.of(l, OptionValue.NONE);
                return TupleValue.of(copy(cx, l, 0, l.size() - 1), OptionValue.some(l.get(l.size() - 1)));
            })
            .add("extend", 1, 1, (cx, a) -> {
                Value[] more = Seq.elements(cx, "extend", a[1]);
                Budget.allocate(cx, Budget.listCost(recv(a).size() + more.length));
                return recv(a).concat(ListValue.of(more));
            })
            .add("insert", 2, 2, (cx, a) -> {
                ListValue l = recv(a);
                long i = Args.integer("insert", a[1]);
                long j = i < 0 ? i + l.size() + 1 : i;
                if (j < 0 || j > l.size()) {
                    throw IonException.runtime("index out of bounds: insert() index " + i + " for length " + l.size());
                }
                int at = (int) j;
                Value[] out = new Value[l.size() + 1];
                l.copyTo(0, out, 0, at);
                out[at] = a[2];
                l.copyTo(at, out, at + 1, l.size() - at);
                return fresh(cx, out);
            })
            .add("remove", 1, 1, (cx, a) -> {
                ListValue l = recv(a);
                int at = Args.index("remove", Args.integer("remove", a[1]), l.size());
                Value[] out = new Value[l.size() - 1];
                l.copyTo(0, out, 0, at);
                l.copyTo(at + 1, out, at, l.size() - at - 1);
                return fresh(cx, out);
            })
            .add("sort", 0, 0, (cx, a) -> {
                Value[] items = recv(a).toArray();
                Sorting.sort(cx, items);
                return fresh(cx, items);
            })
            .add("sort_by", 1, 1, (cx, a) -> {
                Value cmp = Args.callable("sort_by", a[1]);
                return Sorting.sortBy(cx, "sort_by", recv(a).toArray(), cmp, ListMethods::fresh);
            })
            .add("reverse", 0, 0, (cx, a) -> {
                Value[] items = recv(a).toArray();
                for (int i = 0, j = items.length - 1; i < j; i++, j--) {
                    Value t = items[i];
                    items[i] = items[j];
                    items[j] = t;
                }
                return fresh(cx, items);
            })
            .add("flatten", 0, 0, (cx, a) -> flatten(cx, recv(a)))
            .add("join", 0, 1, (cx, a) -> join(cx, "join", recv(a), a.length > 1 ? Args.string("join", a[1]) : ""))
            .add("enumerate", 0, 0, (cx, a) -> enumerate(cx, recv(a).toArray()))
            .add("zip", 1, 1, (cx, a) -> {
                ListValue l = recv(a);
                Value[] other = Seq.elements(cx, "zip", a[1]);
                Value[] out = new Value[Math.min(l.size(), other.length)];
                for (int i = 0; i < out.length; i++) out[i] = TupleValue.of(l.get(i), other[i]);
                Budget.allocate(cx, Budget.listCost(out.length) * 2);
                return fresh(cx, out);
            })
            .add("map", 1, 1, ListMethods::map)
            .add("filter", 1, 1, ListMethods::filter)
            .add("fold", 2, 2, ListMethods::fold)
            .add("reduce", 1, 1, ListMethods::reduce)
            .add("flat_map", 1, 1, ListMethods::flatMap)
            .add("any", 1, 1, (cx, a) -> anyAll(cx, "any", a, true))
            .add("all", 1, 1, (cx, a) -> anyAll(cx, "all", a, false))
            .add("index", 1, 1, ListMethods::index)
            .add("count", 1, 1, ListMethods::count)
            .add("slice", 1, 2, (cx, a) -> {
                ListValue l = recv(a);
                int lo = Args.bound(Args.integer("slice", a[1]), l.size());
                int hi = a.length > 2 ? Args.bound(Args.integer("slice", a[2]), l.size()) : l.size();
                return lo >= hi ? ListValue.EMPTY : copy(cx, l, lo, hi);
            })
            .add("dedup", 0, 0, (cx, a) -> {
                ListValue l = recv(a);
                Budget.charge(cx, l.size());
                List<Value> out = new ArrayList<>();
                for (Value v : l.asJavaList()) {
                    if (out.isEmpty() || !Values.equal(out.get(out.size() - 1), v)) out.add(v);
                }
                return fresh(cx, out.toArray(new Value[0]));
            })
            .add("unique", 0, 0, (cx, a) -> {
                ListValue l = recv(a);
                Budget.charge(cx, l.size());
                LinkedHashSet<Value> seen = new LinkedHashSet<>(l.asJavaList());
                return fresh(cx, seen.toArray(new Value[0]));
            })
            .add("min", 0, 0, (cx, a) -> extreme(cx, recv(a), true))
            .add("max", 0, 0, (cx, a) -> extreme(cx, recv(a), false))
            .add("sum", 0, 0, (cx, a) -> sum(cx, recv(a)))
            .add("window", 1, 1, (cx, a) -> {
                ListValue l = recv(a);
                long n = Args.integer("window", a[1]);
                if (n <= 0) throw IonException.runtime("window() size must be positive, got " + n);
                long count = Math.max(0, l.size() - n + 1);
                Budget.reserve(cx, "window", (double) count * n, count * (16.0 + 8.0 * n) + Budget.listCost(count));
                Budget.charge(cx, count * n);
                Value[] out = new Value[(int) count];
                for (int i = 0; i < count; i++) out[i] = ListValue.of(l.toArray(i, i + (int) n));
                return ListValue.of(out);
            })
            .add("chunk", 1, 1, (cx, a) -> {
                ListValue l = recv(a);
                long n = Args.integer("chunk", a[1]);
                if (n <= 0) throw IonException.runtime("chunk() size must be positive, got " + n);
                int size = l.size();
                int count = size == 0 ? 0 : (int) ((size - 1) / n + 1); // size + n - 1 overflows for n near i64::MAX
                Budget.charge(cx, size);
                Budget.allocate(cx, Budget.listCost(count) + count * 16L + 8L * size);
                Value[] out = new Value[count];
                for (int i = 0; i < count; i++) {
                    int from = (int) (i * n);
                    out[i] = ListValue.of(l.toArray(from, (int) Math.min(size, from + n)));
                }
                return ListValue.of(out);
            })
            .add("to_list", 0, 0, (cx, a) -> a[0])
            .add("to_string", 0, 0, (cx, a) -> display(cx, a[0]));

    static ListValue recv(Value[] a) {
        return (ListValue) a[0];
    }

    /** Wraps a fresh array as a list, reporting its memory. */
    static ListValue fresh(CallContext cx, Value[] items) {
        Budget.charge(cx, items.length);
        Budget.allocate(cx, Budget.listCost(items.length));
        return ListValue.of(items);
    }

    private static ListValue copy(CallContext cx, ListValue l, int from, int to) {
        return fresh(cx, l.toArray(from, to));
    }

    static Value display(CallContext cx, Value v) {
        String s = Printer.display(v);
        Budget.charge(cx, s.length());
        Budget.allocate(cx, Budget.strCost(s.length()));
        return StrValue.of(s);
    }

    /** Sizes the result first, so a flatten of many references to one big list fails before building it. */
    private static ListValue flatten(CallContext cx, ListValue l) {
        long total = 0;
        for (int i = 0; i < l.size(); i++) total += l.get(i) instanceof ListValue inner ? inner.size() : 1;
        Budget.charge(cx, l.size());
        Budget.check(cx, "flatten", total, Budget.listCost(total));
        Value[] out = new Value[(int) total];
        int n = 0;
        for (int i = 0; i < l.size(); i++) {
            Value v = l.get(i);
            if (v instanceof ListValue inner) {
                inner.copyTo(0, out, n, inner.size());
                n += inner.size();
            } else {
                out[n++] = v;
            }
        }
        return fresh(cx, out);
    }

    private static int indexOf(CallContext cx, ListValue l, Value x) {
        for (int i = 0; i < l.size(); i++) {
            if (Values.equal(l.get(i), x)) {
                Budget.charge(cx, i + 1);
                return i;
            }
        }
        Budget.charge(cx, l.size());
        return -1;
    }

    static Value join(CallContext cx, String fn, ListValue l, String sep) {
        StringBuilder sb = new StringBuilder();
        long max = cx.limits().maxMemoryBytes() / 2;
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(sep);
            Printer.display(l.get(i), sb);
            if (sb.length() > max) throw IonException.limit("max_memory_bytes", cx.limits().maxMemoryBytes());
        }
        Budget.charge(cx, sb.length() + l.size());
        Budget.allocate(cx, Budget.strCost(sb.length()));
        return StrValue.of(sb.toString());
    }

    static Value enumerate(CallContext cx, Value[] items) {
        Value[] out = new Value[items.length];
        for (int i = 0; i < items.length; i++) out[i] = TupleValue.of(IntValue.of(i), items[i]);
        Budget.allocate(cx, Budget.listCost(out.length) * 2);
        return fresh(cx, out);
    }

    /** Sum of ints (overflow-checked) or, once a float appears, of floats; 0 when empty. */
    private static Value sum(CallContext cx, ListValue l) {
        long[][] ints = l.intChunks();
        if (ints == null) return sum(cx, "sum", l.toArray());
        Budget.charge(cx, l.size());
        long acc = 0;
        try {
            for (int i = 0; i < l.size(); i++) acc = Math.addExact(acc, ListValue.intAt(ints, i));
        } catch (ArithmeticException e) {
            throw IonException.runtime("integer overflow");
        }
        return IntValue.of(acc);
    }

    static Value sum(CallContext cx, String fn, Value[] items) {
        Budget.charge(cx, items.length);
        long acc = 0;
        int i = 0;
        for (; i < items.length; i++) {
            if (items[i] instanceof IntValue iv) {
                try {
                    acc = Math.addExact(acc, iv.value);
                } catch (ArithmeticException e) {
                    throw IonException.runtime("integer overflow");
                }
            } else if (items[i] instanceof FloatValue) {
                break;
            } else {
                throw IonException.type(fn + "() expected numbers, got " + items[i].typeName());
            }
        }
        if (i == items.length) return IntValue.of(acc);
        double d = acc;
        for (; i < items.length; i++) {
            if (items[i] instanceof IntValue iv) d += iv.value;
            else if (items[i] instanceof FloatValue fv) d += fv.value;
            else throw IonException.type(fn + "() expected numbers, got " + items[i].typeName());
        }
        return FloatValue.of(d);
    }

    /** The first minimum or the last maximum (as Rust's {@code Iterator::min/max}), as an Option. */
    static Value extreme(CallContext cx, ListValue l, boolean min) {
        if (l.size() == 0) return OptionValue.NONE;
        Budget.charge(cx, l.size());
        Value best = l.get(0);
        for (int i = 1; i < l.size(); i++) {
            int c = Values.compare(l.get(i), best);
            if (min ? c < 0 : c >= 0) best = l.get(i);
        }
        return OptionValue.some(best);
    }

    private static Value map(CallContext cx, Value[] a) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable("map", a[1]);
        Value[] out = new Value[src.length];
        return new Callbacks.Loop(fn, src.length) {
            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                out[i] = r;
                return null;
            }

            Value finish(CallContext cx) {
                return fresh(cx, out);
            }

            @Override
            public void forEachHeld(Consumer<Value> action) {
                for (Value v : out) if (v != null) action.accept(v);
            }
        }.start(cx);
    }

    private static Value filter(CallContext cx, Value[] a) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable("filter", a[1]);
        List<Value> out = new ArrayList<>();
        return new Callbacks.Loop(fn, src.length) {
            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                if (r.truthy()) out.add(src[i]);
                return null;
            }

            Value finish(CallContext cx) {
                return fresh(cx, out.toArray(new Value[0]));
            }
        }.start(cx);
    }

    private static Value fold(CallContext cx, Value[] a) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable("fold", a[2]);
        return foldFrom(cx, fn, a[1], src, 0);
    }

    /** Folds {@code src[from..]} into {@code init} with {@code fn(acc, x)}. */
    static Value foldFrom(CallContext cx, Value fn, Value init, Value[] src, int from) {
        return new Callbacks.Loop(fn, src.length - from) {
            Value acc = init;

            Value[] argsAt(int i) {
                return new Value[] {acc, src[from + i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                acc = r;
                return null;
            }

            Value finish(CallContext cx) {
                return acc;
            }
        }.start(cx);
    }

    private static Value reduce(CallContext cx, Value[] a) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable("reduce", a[1]);
        if (src.length == 0) throw IonException.runtime("reduce() of an empty list");
        return new Callbacks.Loop(fn, src.length - 1) {
            Value acc = src[0];

            Value[] argsAt(int i) {
                return new Value[] {acc, src[i + 1]};
            }

            Value accept(CallContext cx, int i, Value r) {
                acc = r;
                return null;
            }

            Value finish(CallContext cx) {
                return acc;
            }
        }.start(cx);
    }

    private static Value flatMap(CallContext cx, Value[] a) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable("flat_map", a[1]);
        return new Callbacks.Loop(fn, src.length) {
            Value[] out = new Value[Math.max(8, src.length)];
            int n;

            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                // the partial result is charged as it grows, so one callback cannot make it huge unnoticed
                int add = r instanceof ListValue inner ? inner.size() : 1;
                Budget.check(cx, "flat_map", (double) n + add, Budget.listCost((long) n + add));
                Budget.charge(cx, add);
                cx.allocate(8L * add);
                if (n + add > out.length) out = Arrays.copyOf(out, (int) Math.min(Budget.MAX_ARRAY,
                        Math.max((long) n + add, 2L * out.length)));
                if (r instanceof ListValue inner) {
                    inner.copyTo(0, out, n, add);
                } else {
                    out[n] = r;
                }
                n += add;
                return null;
            }

            Value finish(CallContext cx) {
                Budget.allocate(cx, 16);
                return ListValue.wrap(out, n);
            }

            @Override
            public void forEachHeld(Consumer<Value> action) {
                action.accept(ListValue.wrap(out, n));
            }
        }.start(cx);
    }

    private static Value anyAll(CallContext cx, String name, Value[] a, boolean any) {
        Value[] src = recv(a).toArray();
        Value fn = Args.callable(name, a[1]);
        return new Callbacks.Loop(fn, src.length) {
            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                return r.truthy() == any ? BoolValue.of(any) : null;
            }

            Value finish(CallContext cx) {
                return BoolValue.of(!any);
            }
        }.start(cx);
    }

    /** {@code index(x)}: first element equal to x; {@code index(f)}: first element for which f is truthy. */
    private static Value index(CallContext cx, Value[] a) {
        ListValue l = recv(a);
        if (!Args.isCallable(a[1])) {
            int i = indexOf(cx, l, a[1]);
            return i < 0 ? OptionValue.NONE : OptionValue.some(IntValue.of(i));
        }
        Value[] src = l.toArray();
        return new Callbacks.Loop(a[1], src.length) {
            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                return r.truthy() ? OptionValue.some(IntValue.of(i)) : null;
            }

            Value finish(CallContext cx) {
                return OptionValue.NONE;
            }
        }.start(cx);
    }

    /** {@code count(x)}: elements equal to x; {@code count(f)}: elements for which f is truthy. */
    private static Value count(CallContext cx, Value[] a) {
        ListValue l = recv(a);
        if (!Args.isCallable(a[1])) {
            Budget.charge(cx, l.size());
            long n = 0;
            for (Value v : l.asJavaList()) if (Values.equal(v, a[1])) n++;
            return IntValue.of(n);
        }
        Value[] src = l.toArray();
        return new Callbacks.Loop(a[1], src.length) {
            long n;

            Value[] argsAt(int i) {
                return new Value[] {src[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                if (r.truthy()) n++;
                return null;
            }

            Value finish(CallContext cx) {
                return IntValue.of(n);
            }
        }.start(cx);
    }
}
