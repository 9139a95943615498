package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.StrValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DictMethodsTest extends StdlibTest {
    static final Value D = dict("a", i(1), "b", i(2));

    @Test
    void accessors() {
        assertThat(repr(m(D, "len"))).isEqualTo("2");
        assertThat(repr(m(dict(), "is_empty"))).isEqualTo("true");
        assertThat(repr(m(D, "keys"))).isEqualTo("[\"a\", \"b\"]");
        assertThat(repr(m(D, "values"))).isEqualTo("[1, 2]");
        assertThat(repr(m(D, "entries"))).isEqualTo("[(\"a\", 1), (\"b\", 2)]");
        assertThat(repr(m(D, "contains_key", s("a")))).isEqualTo("true");
        assertThat(repr(m(D, "get", s("b")))).isEqualTo("Some(2)");
        assertThat(repr(m(D, "get", s("z")))).isEqualTo("None");
        assertThat(errorMessage(() -> m(D, "get", i(1)))).isEqualTo("get() expected a string key, got int");
        assertThat(repr(m(dict("k", s("v")), "to_string"))).isEqualTo("\"#{\\\"k\\\": v}\"");
    }

    @Test
    void insertKeepsPositionOfOverwrittenKeys() {
        assertThat(repr(m(D, "insert", s("c"), i(3)))).isEqualTo("#{\"a\": 1, \"b\": 2, \"c\": 3}");
        assertThat(repr(m(D, "insert", s("a"), i(9)))).isEqualTo("#{\"a\": 9, \"b\": 2}");
        assertThat(repr(D)).isEqualTo("#{\"a\": 1, \"b\": 2}");
        assertThat(repr(m(D, "remove", s("a")))).isEqualTo("#{\"b\": 2}");
        assertThat(repr(m(D, "remove", s("zz")))).isEqualTo("#{\"a\": 1, \"b\": 2}");
        assertThat(repr(m(D, "merge", dict("c", i(3), "a", i(10))))).isEqualTo("#{\"a\": 10, \"b\": 2, \"c\": 3}");
        assertThat(errorMessage(() -> m(D, "merge", list()))).isEqualTo("merge() expected a dict, got list");
    }

    /** Overwrites and removals are O(log n) on the persistent form: they are not charged the dict's size. */
    @Test
    void changingOneEntryOfALargeDictCostsLittle() {
        Value d = DictValue.EMPTY;
        for (int k = 0; k < 10_000; k++) d = ((DictValue) d).insert("k" + k, i(k));
        Value converted = m(d, "insert", s("k1"), i(-1)); // converts once to the persistent form
        long fuel = cx.fuel;
        long allocated = cx.allocated;
        for (int k = 0; k < 100; k++) {
            m(converted, "insert", s("k" + k), i(-k));
            m(converted, "remove", s("k" + k));
        }
        assertThat(cx.fuel - fuel).isLessThan(200 * 100);
        assertThat(cx.allocated - allocated).isLessThan(200 * 1_000);
    }

    @Test
    void updateCallsBackWithTheOldValue() {
        Value inc = fn(a -> i(((IntValue) a[0]).value + 1));
        assertThat(repr(m(D, "update", s("b"), inc))).isEqualTo("#{\"a\": 1, \"b\": 3}");
        assertThat(errorMessage(() -> m(D, "update", s("z"), inc))).isEqualTo("update() key \"z\" not found");
    }

    @Test
    void keysOfMapFilterZip() {
        assertThat(repr(m(dict("a", i(1), "b", i(2), "c", i(1)), "keys_of", i(1)))).isEqualTo("[\"a\", \"c\"]");
        Value kv = fn(a -> s(((StrValue) a[0]).str() + a[1]));
        assertThat(repr(m(D, "map", kv))).isEqualTo("#{\"a\": \"a1\", \"b\": \"b2\"}");
        Value odd = fn(a -> BoolValue.of(((IntValue) a[1]).value % 2 == 1));
        assertThat(repr(m(D, "filter", odd))).isEqualTo("#{\"a\": 1}");
        assertThat(repr(m(D, "zip", dict("b", s("x"), "q", i(0))))).isEqualTo("#{\"b\": (2, \"x\")}");
    }
}
