package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The methods of dicts (LANGUAGE.md §8): insertion-ordered, string keys, overwrites keep position. */
final class DictMethods {
    private DictMethods() {
    }

    static final MethodTable TABLE = new MethodTable()
            .add("len", 0, 0, (cx, a) -> IntValue.of(recv(a).size()))
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(recv(a).size() == 0))
            .add("keys", 0, 0, (cx, a) -> {
                List<Value> out = new ArrayList<>();
                for (Map.Entry<String, Value> e : recv(a).entries()) out.add(StrValue.of(e.getKey()));
                return ListMethods.fresh(cx, out.toArray(new Value[0]));
            })
            .add("values", 0, 0, (cx, a) -> {
                List<Value> out = new ArrayList<>();
                for (Map.Entry<String, Value> e : recv(a).entries()) out.add(e.getValue());
                return ListMethods.fresh(cx, out.toArray(new Value[0]));
            })
            .add("entries", 0, 0, (cx, a) -> {
                Value[] out = entries(recv(a));
                Budget.allocate(cx, Budget.listCost(out.length) * 2);
                return ListMethods.fresh(cx, out);
            })
            .add("contains_key", 1, 1, (cx, a) -> BoolValue.of(recv(a).containsKey(key("contains_key", a[1]))))
            .add("get", 1, 1, (cx, a) -> OptionValue.of(recv(a).get(key("get", a[1]))))
            .add("insert", 2, 2, (cx, a) -> {
                DictValue d = recv(a);
                String k = key("insert", a[1]);
                Budget.allocate(cx, entryCost(k));
                return d.insert(k, a[2]);
            })
            .add("remove", 1, 1, (cx, a) -> {
                DictValue d = recv(a);
                String k = key("remove", a[1]);
                if (!d.containsKey(k)) return d;
                Budget.allocate(cx, entryCost(k));
                return d.remove(k);
            })
            .add("merge", 1, 1, (cx, a) -> merge(cx, recv(a), Args.dict("merge", a[1])))
            .add("update", 1, 2, (cx, a) -> {
                DictValue d = recv(a);
                if (a.length == 2) return merge(cx, d, Args.dict("update", a[1]));
                String k = key("update", a[1]);
                Value fn = Args.callable("update", a[2]);
                Value old = d.get(k);
                if (old == null) throw IonException.runtime("update() key " + Printer.quote(k) + " not found");
                return Callbacks.once(cx, fn, new Value[] {old}, (cx2, r) -> {
                    Budget.allocate(cx2, entryCost(k));
                    return d.insert(k, r);
                });
            })
            .add("keys_of", 1, 1, (cx, a) -> {
                DictValue d = recv(a);
                Budget.charge(cx, d.size());
                List<Value> out = new ArrayList<>();
                for (Map.Entry<String, Value> e : d.entries()) {
                    if (Values.equal(e.getValue(), a[1])) out.add(StrValue.of(e.getKey()));
                }
                return ListMethods.fresh(cx, out.toArray(new Value[0]));
            })
            .add("map", 1, 1, DictMethods::map)
            .add("filter", 1, 1, DictMethods::filter)
            .add("zip", 1, 1, (cx, a) -> {
                DictValue d = recv(a);
                DictValue other = Args.dict("zip", a[1]);
                Budget.charge(cx, d.size()); // one lookup per entry, however few keys are shared
                DictValue.Builder b = DictValue.builder();
                for (Map.Entry<String, Value> e : d.entries()) {
                    Value o = other.get(e.getKey());
                    if (o != null) b.put(e.getKey(), TupleValue.of(e.getValue(), o));
                }
                return build(cx, b);
            })
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    static DictValue recv(Value[] a) {
        return (DictValue) a[0];
    }

    private static String key(String fn, Value k) {
        if (k instanceof StrValue s) return s.str();
        throw Args.expected(fn, "a string key", k);
    }

    /**
     * What changing one entry allocates: the entry and its key, or in the persistent form
     * the copied path of trie nodes. The dict's one-time conversion to that form reports
     * its own cost ({@code Meter.copied}).
     */
    private static long entryCost(String key) {
        return 64 + 2L * key.length();
    }

    private static DictValue build(CallContext cx, DictValue.Builder b) {
        Budget.charge(cx, b.size());
        Budget.allocate(cx, Budget.listCost(b.size()) * 2);
        return b.build();
    }

    static Value[] entries(DictValue d) {
        Value[] out = new Value[d.size()];
        int i = 0;
        for (Map.Entry<String, Value> e : d.entries()) out[i++] = TupleValue.of(StrValue.of(e.getKey()), e.getValue());
        return out;
    }

    private static Value map(CallContext cx, Value[] a) {
        return rebuild(cx, a, "map", (b, key, value, result) -> b.put(key, result));
    }

    private static Value filter(CallContext cx, Value[] a) {
        return rebuild(cx, a, "filter", (b, key, value, result) -> {
            if (result.truthy()) b.put(key, value);
        });
    }

    /** What {@link #rebuild} does with each entry once the callback returned {@code result}. */
    private interface EntryStep {
        void apply(DictValue.Builder b, String key, Value value, Value result);
    }

    /** Calls {@code fn(key, value)} for every entry (resumably) and builds a dict through {@code step}. */
    private static Value rebuild(CallContext cx, Value[] a, String name, EntryStep step) {
        DictValue d = recv(a);
        Value fn = Args.callable(name, a[1]);
        String[] keys = new String[d.size()];
        Value[] vals = new Value[d.size()];
        int i = 0;
        for (Map.Entry<String, Value> e : d.entries()) {
            keys[i] = e.getKey();
            vals[i++] = e.getValue();
        }
        DictValue.Builder b = DictValue.builder();
        return new Callbacks.Loop(fn, keys.length) {
            Value[] argsAt(int i) {
                return new Value[] {StrValue.of(keys[i]), vals[i]};
            }

            Value accept(CallContext cx, int i, Value r) {
                step.apply(b, keys[i], vals[i], r);
                return null;
            }

            Value finish(CallContext cx) {
                return build(cx, b);
            }
        }.start(cx);
    }

    /** {@code d} with every entry of {@code other} inserted (existing keys keep their position). */
    private static DictValue merge(CallContext cx, DictValue d, DictValue other) {
        if (other.size() == 0) return d;
        DictValue.Builder b = d.copy();
        for (Map.Entry<String, Value> e : other.entries()) b.put(e.getKey(), e.getValue());
        return build(cx, b);
    }
}
