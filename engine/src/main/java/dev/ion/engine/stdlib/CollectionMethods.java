package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.Values;

import java.util.Arrays;
import java.util.LinkedHashSet;

/** The methods of the smaller collections — tuples, sets and ranges (LANGUAGE.md §8). */
final class CollectionMethods {
    private CollectionMethods() {
    }

    static final MethodTable TUPLE = new MethodTable()
            .add("len", 0, 0, (cx, a) -> IntValue.of(tuple(a).size()))
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(tuple(a).size() == 0))
            .add("get", 1, 1, (cx, a) -> {
                TupleValue t = tuple(a);
                long i = Args.integer("get", a[1]);
                long j = i < 0 ? i + t.size() : i;
                return j < 0 || j >= t.size() ? OptionValue.NONE : OptionValue.some(t.get((int) j));
            })
            .add("contains", 1, 1, (cx, a) -> {
                TupleValue t = tuple(a);
                Budget.charge(cx, t.size());
                for (Value v : t.items()) if (Values.equal(v, a[1])) return BoolValue.TRUE;
                return BoolValue.FALSE;
            })
            .add("to_list", 0, 0, (cx, a) -> ListMethods.fresh(cx, tuple(a).items().clone()))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    static final MethodTable SET = new MethodTable()
            .add("len", 0, 0, (cx, a) -> IntValue.of(set(a).size()))
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(set(a).size() == 0))
            .add("contains", 1, 1, (cx, a) -> BoolValue.of(set(a).contains(a[1])))
            .add("add", 1, 1, (cx, a) -> {
                SetValue s = set(a);
                if (s.contains(a[1])) return s;
                LinkedHashSet<Value> items = s.copyItems();
                items.add(a[1]);
                return fresh(cx, items);
            })
            .add("remove", 1, 1, (cx, a) -> {
                SetValue s = set(a);
                if (!s.contains(a[1])) return s;
                LinkedHashSet<Value> items = s.copyItems();
                items.remove(a[1]);
                return fresh(cx, items);
            })
            .add("union", 1, 1, (cx, a) -> {
                LinkedHashSet<Value> items = set(a).copyItems();
                items.addAll(Arrays.asList(Seq.elements(cx, "union", a[1])));
                return fresh(cx, items);
            })
            .add("intersection", 1, 1, (cx, a) -> {
                LinkedHashSet<Value> other = new LinkedHashSet<>(Arrays.asList(Seq.elements(cx, "intersection", a[1])));
                Budget.charge(cx, set(a).size()); // the copy and the scan of this set, however little is kept
                LinkedHashSet<Value> items = set(a).copyItems();
                items.retainAll(other);
                return fresh(cx, items);
            })
            .add("difference", 1, 1, (cx, a) -> {
                LinkedHashSet<Value> items = set(a).copyItems();
                Arrays.asList(Seq.elements(cx, "difference", a[1])).forEach(items::remove);
                return fresh(cx, items);
            })
            .add("is_subset", 1, 1, (cx, a) -> {
                LinkedHashSet<Value> other = new LinkedHashSet<>(Arrays.asList(Seq.elements(cx, "is_subset", a[1])));
                return BoolValue.of(other.containsAll(set(a).items()));
            })
            .add("to_list", 0, 0, (cx, a) -> ListMethods.fresh(cx, set(a).items().toArray(new Value[0])))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    static final MethodTable RANGE = new MethodTable()
            .add("len", 0, 0, (cx, a) -> IntValue.of(range(a).count()))
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(range(a).isEmpty()))
            .add("contains", 1, 1, (cx, a) -> {
                RangeValue r = range(a);
                if (a[1] instanceof IntValue i) return BoolValue.of(r.contains(i.value));
                if (a[1] instanceof FloatValue f) {
                    double x = f.value;
                    return BoolValue.of(x >= r.start && (r.inclusive ? x <= r.end : x < r.end));
                }
                return BoolValue.FALSE;
            })
            .add("to_list", 0, 0, (cx, a) -> ListMethods.fresh(cx, Seq.elements(cx, "to_list", a[0])))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    private static TupleValue tuple(Value[] a) {
        return (TupleValue) a[0];
    }

    private static SetValue set(Value[] a) {
        return (SetValue) a[0];
    }

    private static RangeValue range(Value[] a) {
        return (RangeValue) a[0];
    }

    static SetValue fresh(CallContext cx, LinkedHashSet<Value> items) {
        Budget.charge(cx, items.size());
        Budget.allocate(cx, Budget.listCost(items.size()) * 2);
        return SetValue.wrap(items);
    }
}
