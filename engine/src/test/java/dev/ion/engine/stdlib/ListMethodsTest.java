package dev.ion.engine.stdlib;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ListMethodsTest extends StdlibTest {
    static final Value XS = ints(5, 3, 8, 1);

    static long n(Value v) {
        return ((IntValue) v).value;
    }

    @Test
    void basics() {
        assertThat(repr(m(XS, "len"))).isEqualTo("4");
        assertThat(repr(m(list(), "is_empty"))).isEqualTo("true");
        assertThat(repr(m(XS, "first"))).isEqualTo("Some(5)");
        assertThat(repr(m(XS, "last"))).isEqualTo("Some(1)");
        assertThat(repr(m(list(), "first"))).isEqualTo("None");
        assertThat(repr(m(XS, "get", i(-1)))).isEqualTo("Some(1)");
        assertThat(repr(m(XS, "get", i(9)))).isEqualTo("None");
        assertThat(repr(m(XS, "contains", f(8.0)))).isEqualTo("true");
        assertThat(repr(m(XS, "contains", s("8")))).isEqualTo("false");
        assertThat(repr(m(XS, "to_string"))).isEqualTo("\"[5, 3, 8, 1]\"");
        assertThat(repr(m(list(s("a")), "to_string"))).isEqualTo("\"[a]\"");
    }

    @Test
    void pushAndPopNeverChangeTheReceiver() {
        Value ys = m(XS, "push", i(9));
        assertThat(repr(ys)).isEqualTo("[5, 3, 8, 1, 9]");
        Value popped = m(XS, "pop");
        assertThat(repr(popped)).isEqualTo("([5, 3, 8], Some(1))");
        assertThat(repr(m(list(), "pop"))).isEqualTo("([], None)");
        // pushing onto the popped list must not disturb the original
        Value rest = ((dev.ion.engine.value.TupleValue) popped).get(0);
        m(rest, "push", i(100));
        assertThat(repr(XS)).isEqualTo("[5, 3, 8, 1]");
        assertThat(repr(m(XS, "insert", i(1), i(0)))).isEqualTo("[5, 0, 3, 8, 1]");
        assertThat(repr(m(XS, "insert", i(4), i(0)))).isEqualTo("[5, 3, 8, 1, 0]");
        assertThat(repr(m(XS, "remove", i(0)))).isEqualTo("[3, 8, 1]");
        assertThat(errorMessage(() -> m(XS, "remove", i(4)))).startsWith("index out of bounds");
        assertThat(repr(m(XS, "extend", ints(7)))).isEqualTo("[5, 3, 8, 1, 7]");
    }

    @Test
    void sortUsesTheTotalOrder() {
        assertThat(repr(m(XS, "sort"))).isEqualTo("[1, 3, 5, 8]");
        assertThat(repr(XS)).isEqualTo("[5, 3, 8, 1]");
        assertThat(repr(m(list(s("b"), s("a"), s("c")), "sort"))).isEqualTo("[\"a\", \"b\", \"c\"]");
        assertThat(repr(m(list(f(2.5), i(1), i(3)), "sort"))).isEqualTo("[1, 2.5, 3]");
        assertThat(repr(m(list(ints(2), ints(1, 5), ints(1)), "sort"))).isEqualTo("[[1], [1, 5], [2]]");
        IonException e = error(() -> m(list(i(1), s("a")), "sort"));
        assertThat(e.getMessage()).isEqualTo("cannot compare int with string");
    }

    @Test
    void sortOfManyItemsMatchesJava() {
        Random r = new Random(7);
        Value[] items = new Value[10_000];
        List<Long> expected = new ArrayList<>();
        for (int k = 0; k < items.length; k++) {
            long x = r.nextInt(1000);
            items[k] = i(x);
            expected.add(x);
        }
        Collections.sort(expected);
        ListValue sorted = (ListValue) m(ListValue.of(items), "sort");
        for (int k = 0; k < items.length; k++) assertThat(n(sorted.get(k))).isEqualTo(expected.get(k));
        assertThat(cx.fuel).isGreaterThanOrEqualTo(10_000L * 13);
    }

    @Test
    void sortByDrivesTheComparatorThroughContinuations() {
        Value desc = fn(a -> i(Long.compare(n(a[1]), n(a[0]))));
        assertThat(repr(m(XS, "sort_by", desc))).isEqualTo("[8, 5, 3, 1]");
        assertThat(repr(m(list(), "sort_by", desc))).isEqualTo("[]");
        assertThat(repr(m(ints(1), "sort_by", desc))).isEqualTo("[1]");
        // float results are accepted by sign; anything else fails
        assertThat(repr(m(XS, "sort_by", fn(a -> f(n(a[0]) - n(a[1]) + 0.5 * 0))))).isEqualTo("[1, 3, 5, 8]");
        assertThat(errorMessage(() -> m(XS, "sort_by", fn(a -> BoolValue.TRUE))))
                .isEqualTo("sort_by() comparator must return an int, got bool");
        assertThat(errorMessage(() -> m(XS, "sort_by", i(1)))).isEqualTo("sort_by() expected a function, got int");
    }

    @Test
    void sortByIsStableAndCorrectForManyItems() {
        Random r = new Random(11);
        int size = 5_000;
        Value[] items = new Value[size];
        for (int k = 0; k < size; k++) items[k] = tuple(i(r.nextInt(50)), i(k));
        Value byKey = fn(a -> i(Long.compare(n(((dev.ion.engine.value.TupleValue) a[0]).get(0)),
                n(((dev.ion.engine.value.TupleValue) a[1]).get(0)))));
        ListValue sorted = (ListValue) m(ListValue.of(items), "sort_by", byKey);
        for (int k = 1; k < size; k++) {
            var prev = (dev.ion.engine.value.TupleValue) sorted.get(k - 1);
            var cur = (dev.ion.engine.value.TupleValue) sorted.get(k);
            long c = Long.compare(n(prev.get(0)), n(cur.get(0)));
            assertThat(c).isLessThanOrEqualTo(0);
            if (c == 0) assertThat(n(prev.get(1))).isLessThan(n(cur.get(1)));
        }
        assertThat(cx.callbacks).isLessThan((long) size * 13);
        assertThat(cx.maxStack).isEqualTo(1);
    }

    @Test
    void reverseFlattenJoinEnumerateZip() {
        assertThat(repr(m(XS, "reverse"))).isEqualTo("[1, 8, 3, 5]");
        assertThat(repr(m(list(ints(1, 2), i(3), list(ints(4))), "flatten"))).isEqualTo("[1, 2, 3, [4]]");
        assertThat(repr(m(list(s("a"), i(1), list(s("b"))), "join", s("-")))).isEqualTo("\"a-1-[b]\"");
        assertThat(repr(m(list(s("a"), s("b")), "join"))).isEqualTo("\"ab\"");
        assertThat(repr(m(list(s("a")), "enumerate"))).isEqualTo("[(0, \"a\")]");
        assertThat(repr(m(ints(1, 2, 3), "zip", list(s("a"), s("b"))))).isEqualTo("[(1, \"a\"), (2, \"b\")]");
    }

    @Test
    void higherOrderFunctions() {
        Value times10 = fn(a -> i(n(a[0]) * 10));
        Value gt2 = fn(a -> BoolValue.of(n(a[0]) > 2));
        Value add = fn(a -> i(n(a[0]) + n(a[1])));
        assertThat(repr(m(m(XS, "filter", gt2), "map", times10))).isEqualTo("[50, 30, 80]");
        assertThat(repr(m(XS, "fold", i(0), add))).isEqualTo("17");
        assertThat(repr(m(XS, "reduce", add))).isEqualTo("17");
        assertThat(errorMessage(() -> m(list(), "reduce", add))).isEqualTo("reduce() of an empty list");
        assertThat(repr(m(XS, "flat_map", fn(a -> list(a[0], a[0]))))).isEqualTo("[5, 5, 3, 3, 8, 8, 1, 1]");
        assertThat(repr(m(XS, "any", gt2))).isEqualTo("true");
        assertThat(repr(m(XS, "all", gt2))).isEqualTo("false");
        assertThat(repr(m(list(), "all", gt2))).isEqualTo("true");
        assertThat(repr(m(XS, "index", i(8)))).isEqualTo("Some(2)");
        assertThat(repr(m(XS, "index", gt2))).isEqualTo("Some(0)");
        assertThat(repr(m(XS, "index", i(99)))).isEqualTo("None");
        assertThat(repr(m(ints(1, 2, 1), "count", i(1)))).isEqualTo("2");
        assertThat(repr(m(XS, "count", gt2))).isEqualTo("3");
        assertThat(errorMessage(() -> m(XS, "map", i(3)))).isEqualTo("map() expected a function, got int");
        assertThat(errorMessage(() -> m(XS, "fold", i(0)))).isEqualTo("fold() takes 2 arguments (1 given)");
    }

    @Test
    void anyStopsAtTheFirstMatch() {
        long[] seen = {0};
        m(ints(1, 5, 9, 9, 9), "any", fn(a -> {
            seen[0]++;
            return BoolValue.of(n(a[0]) > 2);
        }));
        assertThat(seen[0]).isEqualTo(2);
    }

    @Test
    void callbackErrorsPropagate() {
        IonException e = error(() -> m(XS, "map", fn(a -> {
            throw IonException.runtime("boom");
        })));
        assertThat(e.getMessage()).isEqualTo("boom");
        assertThat(e.kind()).isEqualTo(ErrorKind.RUNTIME);
    }

    @Test
    void nestedNativeCallbacksUseTheTrampolineNotTheStack() {
        // map whose callback itself maps: continuations nest on the test context's explicit stack
        Value inner = fn(a -> i(n(a[0]) + 1));
        Value outer = new dev.ion.engine.value.BuiltinFn("outer", (c, a) ->
                Methods.find(a[0], "map").call(c, new Value[] {a[0], inner}));
        assertThat(repr(m(list(ints(1, 2), ints(3)), "map", outer))).isEqualTo("[[2, 3], [4]]");
        assertThat(cx.maxStack).isEqualTo(2);
    }

    @Test
    void mapOverAMillionElementsDoesNotRecurse() {
        Value[] items = new Value[1_000_000];
        java.util.Arrays.fill(items, i(1));
        Value r = m(ListValue.of(items), "map", fn(a -> i(2)));
        assertThat(((ListValue) r).size()).isEqualTo(1_000_000);
        assertThat(cx.maxStack).isEqualTo(1);
    }

    @Test
    void sliceDedupUnique() {
        assertThat(repr(m(XS, "slice", i(1), i(3)))).isEqualTo("[3, 8]");
        assertThat(repr(m(XS, "slice", i(-2), i(100)))).isEqualTo("[8, 1]");
        assertThat(repr(m(XS, "slice", i(3), i(1)))).isEqualTo("[]");
        assertThat(repr(m(ints(1, 1, 2, 1, 1), "dedup"))).isEqualTo("[1, 2, 1]");
        assertThat(repr(m(ints(1, 1, 2, 1, 3), "unique"))).isEqualTo("[1, 2, 3]");
    }

    @Test
    void minMaxSum() {
        assertThat(repr(m(XS, "min"))).isEqualTo("Some(1)");
        assertThat(repr(m(XS, "max"))).isEqualTo("Some(8)");
        assertThat(repr(m(list(), "max"))).isEqualTo("None");
        assertThat(repr(m(list(s("b"), s("a")), "min"))).isEqualTo("Some(\"a\")");
        assertThat(errorMessage(() -> m(list(i(1), s("a")), "max"))).isEqualTo("cannot compare string with int");
        assertThat(repr(m(XS, "sum"))).isEqualTo("17");
        assertThat(repr(m(list(i(1), f(0.5)), "sum"))).isEqualTo("1.5");
        assertThat(repr(m(list(), "sum"))).isEqualTo("0");
        assertThat(errorMessage(() -> m(ints(Long.MAX_VALUE, 1), "sum"))).isEqualTo("integer overflow");
        assertThat(errorMessage(() -> m(list(s("a")), "sum"))).isEqualTo("sum() expected numbers, got string");
    }

    @Test
    void windowAndChunk() {
        assertThat(repr(m(ints(1, 2, 3, 4, 5), "chunk", i(2)))).isEqualTo("[[1, 2], [3, 4], [5]]");
        assertThat(repr(m(ints(1, 2, 3), "window", i(2)))).isEqualTo("[[1, 2], [2, 3]]");
        assertThat(repr(m(ints(1, 2), "window", i(3)))).isEqualTo("[]");
        assertThat(errorMessage(() -> m(XS, "chunk", i(0)))).isEqualTo("chunk() size must be positive, got 0");
        assertThat(errorMessage(() -> m(XS, "window", i(-1)))).isEqualTo("window() size must be positive, got -1");
    }

    @Test
    void windowRefusesQuadraticBlowUp() {
        limits(Limits.builder().maxMemoryBytes(64L << 20).build());
        Value[] items = new Value[200_000];
        java.util.Arrays.fill(items, i(0));
        assertLimit(() -> m(ListValue.of(items), "window", i(100_000)), "max_memory_bytes");
    }

    @Test
    void deeplyNestedListsSortAndCompare() {
        Value deep = ints(1);
        for (int k = 0; k < 200_000; k++) deep = list(deep);
        Value deep2 = ints(2);
        for (int k = 0; k < 200_000; k++) deep2 = list(deep2);
        assertThat(repr(m(list(deep2, deep), "sort", new Value[0])).length()).isGreaterThan(800_000);
        assertThat(((ListValue) m(list(deep2, deep), "sort")).get(0)).isSameAs(deep);
        assertThat(m(list(deep), "contains", deep2)).isEqualTo(BoolValue.FALSE);
    }
}
