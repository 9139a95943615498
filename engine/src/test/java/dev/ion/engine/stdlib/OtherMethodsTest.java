package dev.ion.engine.stdlib;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.UnitValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OtherMethodsTest extends StdlibTest {
    static final Value INC = fn(a -> i(((IntValue) a[0]).value + 1));

    @Test
    void tuples() {
        Value t = tuple(i(1), s("a"));
        assertThat(repr(m(t, "len"))).isEqualTo("2");
        assertThat(repr(m(t, "contains", s("a")))).isEqualTo("true");
        assertThat(repr(m(t, "to_list"))).isEqualTo("[1, \"a\"]");
        assertThat(repr(m(t, "to_string"))).isEqualTo("\"(1, a)\"");
        assertThat(repr(m(tuple(i(1)), "to_string"))).isEqualTo("\"(1,)\"");
    }

    @Test
    void sets() {
        Value st = SetValue.of(List.of(i(3), i(1), i(2)));
        assertThat(repr(m(st, "len"))).isEqualTo("3");
        assertThat(repr(m(st, "contains", f(2.0)))).isEqualTo("true");
        assertThat(repr(m(st, "add", i(9)))).isEqualTo("set{3, 1, 2, 9}");
        assertThat(repr(m(st, "add", i(1)))).isEqualTo("set{3, 1, 2}");
        assertThat(repr(m(st, "remove", i(1)))).isEqualTo("set{3, 2}");
        assertThat(repr(m(st, "union", SetValue.of(List.of(i(9), i(3)))))).isEqualTo("set{3, 1, 2, 9}");
        assertThat(repr(m(st, "intersection", SetValue.of(List.of(i(2), i(3)))))).isEqualTo("set{3, 2}");
        assertThat(repr(m(st, "difference", ints(1)))).isEqualTo("set{3, 2}");
        assertThat(repr(m(st, "to_list"))).isEqualTo("[3, 1, 2]");
        assertThat(repr(m(SetValue.EMPTY, "is_empty"))).isEqualTo("true");
        assertThat(repr(st)).isEqualTo("set{3, 1, 2}");
    }

    @Test
    void ranges() {
        Value r = new RangeValue(0, 3, false);
        assertThat(repr(m(r, "len"))).isEqualTo("3");
        assertThat(repr(m(new RangeValue(0, 3, true), "to_list"))).isEqualTo("[0, 1, 2, 3]");
        assertThat(repr(m(r, "contains", i(3)))).isEqualTo("false");
        assertThat(repr(m(new RangeValue(0, 3, true), "contains", i(3)))).isEqualTo("true");
        assertThat(repr(m(r, "contains", f(2.5)))).isEqualTo("true");
        assertThat(repr(m(new RangeValue(5, 1, false), "to_list"))).isEqualTo("[]");
        assertThat(repr(m(r, "to_string"))).isEqualTo("\"0..3\"");
        assertLimit(() -> m(new RangeValue(0, Long.MAX_VALUE, false), "to_list"), "max_memory_bytes");
    }

    @Test
    void options() {
        assertThat(repr(m(some(i(1)), "is_some"))).isEqualTo("true");
        assertThat(repr(m(NONE, "is_none"))).isEqualTo("true");
        assertThat(repr(m(some(i(1)), "unwrap"))).isEqualTo("1");
        assertThat(errorMessage(() -> m(NONE, "unwrap"))).isEqualTo("called unwrap() on None");
        assertThat(error(() -> m(NONE, "unwrap")).kind()).isEqualTo(ErrorKind.RUNTIME);
        assertThat(errorMessage(() -> m(NONE, "expect", s("need it")))).isEqualTo("need it");
        assertThat(repr(m(NONE, "unwrap_or", i(7)))).isEqualTo("7");
        assertThat(repr(m(NONE, "unwrap_or_else", fn(a -> i(8))))).isEqualTo("8");
        assertThat(repr(m(some(i(1)), "unwrap_or_else", fn(a -> i(8))))).isEqualTo("1");
        assertThat(repr(m(some(i(1)), "map", INC))).isEqualTo("Some(2)");
        assertThat(repr(m(NONE, "map", INC))).isEqualTo("None");
        assertThat(repr(m(some(i(1)), "and_then", fn(a -> NONE)))).isEqualTo("None");
        assertThat(repr(m(NONE, "or_else", fn(a -> some(i(5)))))).isEqualTo("Some(5)");
        assertThat(repr(m(some(i(1)), "or_else", fn(a -> some(i(5)))))).isEqualTo("Some(1)");
        assertThat(repr(m(NONE, "ok_or", s("e")))).isEqualTo("Err(\"e\")");
        assertThat(repr(m(some(s("x")), "to_string"))).isEqualTo("\"Some(x)\"");
    }

    @Test
    void results() {
        Value ok = ResultValue.ok(i(1));
        Value err = ResultValue.err(s("bad"));
        assertThat(repr(m(ok, "is_ok"))).isEqualTo("true");
        assertThat(repr(m(err, "is_err"))).isEqualTo("true");
        assertThat(repr(m(ok, "unwrap"))).isEqualTo("1");
        assertThat(errorMessage(() -> m(err, "unwrap"))).isEqualTo("called unwrap() on Err: bad");
        assertThat(errorMessage(() -> m(err, "expect", s("exactly this")))).isEqualTo("exactly this");
        assertThat(repr(m(err, "unwrap_or", i(0)))).isEqualTo("0");
        assertThat(repr(m(err, "unwrap_or_else", fn(a -> a[0])))).isEqualTo("\"bad\"");
        assertThat(repr(m(ok, "map", INC))).isEqualTo("Ok(2)");
        assertThat(repr(m(err, "map", INC))).isEqualTo("Err(\"bad\")");
        assertThat(repr(m(err, "map_err", fn(a -> s("worse"))))).isEqualTo("Err(\"worse\")");
        assertThat(repr(m(ok, "and_then", fn(a -> ResultValue.err(a[0]))))).isEqualTo("Err(1)");
        assertThat(repr(m(err, "or_else", fn(a -> ResultValue.ok(i(0)))))).isEqualTo("Ok(0)");
        assertThat(repr(m(ok, "ok"))).isEqualTo("Some(1)");
        assertThat(repr(m(err, "err"))).isEqualTo("Some(\"bad\")");
        assertThat(repr(m(err, "to_string"))).isEqualTo("\"Err(bad)\"");
    }

    @Test
    void cells() {
        CellValue c = new CellValue(i(1));
        assertThat(repr(m(c, "get"))).isEqualTo("1");
        assertThat(m(c, "set", i(5))).isSameAs(UnitValue.UNIT);
        assertThat(repr(c.get())).isEqualTo("5");
        assertThat(repr(m(c, "update", INC))).isEqualTo("6");
        assertThat(repr(c)).isEqualTo("cell(6)");
        assertThat(errorMessage(() -> m(c, "update", i(1)))).isEqualTo("update() expected a function, got int");
    }

    @Test
    void numbersAndEverythingElseHaveToString() {
        assertThat(repr(m(i(-3), "abs"))).isEqualTo("3");
        assertThat(repr(m(f(2.5), "round"))).isEqualTo("3.0");
        assertThat(repr(m(f(-2.5), "to_int"))).isEqualTo("-2");
        assertThat(repr(m(f(1e21), "to_string"))).isEqualTo("\"1000000000000000000000.0\"");
        assertThat(repr(m(BoolValue.TRUE, "to_string"))).isEqualTo("\"true\"");
        assertThat(repr(m(UnitValue.UNIT, "to_string"))).isEqualTo("\"()\"");
        assertThat(repr(m(Builtins.all().get("len"), "to_string"))).isEqualTo("\"<fn len>\"");
        assertThat(Methods.find(BoolValue.TRUE, "len")).isNull();
    }

    @Test
    void arityIsCheckedWithoutTheReceiver() {
        assertThat(errorMessage(() -> m(some(i(1)), "unwrap", i(1)))).isEqualTo("unwrap() takes 0 arguments (1 given)");
        assertThat(errorMessage(() -> m(some(i(1)), "map"))).isEqualTo("map() takes 1 argument (0 given)");
    }
}
