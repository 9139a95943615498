package dev.ion.engine.stdlib;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.Limits;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.UnitValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinsTest extends StdlibTest {

    @Test
    void everyBuiltinOfTheSpecExists() {
        assertThat(Builtins.all()).containsKeys("print", "len", "range", "enumerate", "type_of", "str", "int", "float",
                "bytes", "bytes_from_hex", "set", "cell", "assert", "assert_eq");
        assertThat(Builtins.all().get("len").toString()).isEqualTo("<fn len>");
        assertThat(Builtins.all().get("len").typeName()).isEqualTo("builtin_fn");
    }

    @Test
    void printJoinsDisplayFormsWithSpacesAndANewline() {
        call("print", i(1), s("a"), list(s("b"), i(2)), dict("k", s("v")));
        call("print");
        assertThat(cx.out.toString()).isEqualTo("1 a [b, 2] #{\"k\": v}\n\n");
        assertThat(call("print", s("x"))).isSameAs(UnitValue.UNIT);
    }

    @Test
    void len() {
        assertThat(repr(call("len", s("héllo")))).isEqualTo("6");
        assertThat(repr(call("len", ints(1, 2, 3)))).isEqualTo("3");
        assertThat(repr(call("len", dict("a", i(1))))).isEqualTo("1");
        assertThat(repr(call("len", b("ab\0")))).isEqualTo("3");
        assertThat(repr(call("len", new RangeValue(0, 10, true)))).isEqualTo("11");
        assertThat(repr(call("len", tuple(i(1), i(2))))).isEqualTo("2");
        assertThat(errorMessage(() -> call("len", i(1))))
                .isEqualTo("len() expected a string, list, tuple, dict, set, bytes or range, got int");
        assertThat(errorMessage(() -> call("len", s("a"), s("b")))).isEqualTo("len() takes 1 argument (2 given)");
        assertThat(error(() -> call("len")).kind()).isEqualTo(ErrorKind.TYPE);
    }

    @Test
    void rangeAndEnumerate() {
        assertThat(repr(call("range", i(3)))).isEqualTo("0..3");
        assertThat(repr(call("range", i(2), i(5)))).isEqualTo("2..5");
        assertThat(errorMessage(() -> call("range", s("x")))).isEqualTo("range() expected an int, got string");
        assertThat(repr(call("enumerate", list(s("a"), s("b"))))).isEqualTo("[(0, \"a\"), (1, \"b\")]");
        assertThat(repr(call("enumerate", s("hé")))).isEqualTo("[(0, \"h\"), (1, \"é\")]");
        assertThat(repr(call("enumerate", dict("k", i(1))))).isEqualTo("[(0, (\"k\", 1))]");
    }

    @Test
    void typeOfFollowsTheTable() {
        assertThat(repr(call("type_of", i(1)))).isEqualTo("\"int\"");
        assertThat(repr(call("type_of", f(1)))).isEqualTo("\"float\"");
        assertThat(repr(call("type_of", BoolValue.TRUE))).isEqualTo("\"bool\"");
        assertThat(repr(call("type_of", NONE))).isEqualTo("\"Option\"");
        assertThat(repr(call("type_of", UnitValue.UNIT))).isEqualTo("\"()\"");
        assertThat(repr(call("type_of", Builtins.all().get("len")))).isEqualTo("\"builtin_fn\"");
        assertThat(repr(call("type_of", Modules.get("math")))).isEqualTo("\"module\"");
        assertThat(repr(call("type_of", new CellValue(i(1))))).isEqualTo("\"cell\"");
    }

    @Test
    void strIsTheDisplayForm() {
        assertThat(repr(call("str", list(s("a"), f(1))))).isEqualTo("\"[a, 1.0]\"");
        assertThat(repr(call("str", s("x")))).isEqualTo("\"x\"");
        assertThat(repr(call("str", f(0.1 + 0.2)))).isEqualTo("\"0.30000000000000004\"");
    }

    @Test
    void intAndFloatConversions() {
        assertThat(repr(call("int", s("42")))).isEqualTo("42");
        assertThat(repr(call("int", s("-7")))).isEqualTo("-7");
        assertThat(repr(call("int", f(3.9)))).isEqualTo("3");
        assertThat(repr(call("int", f(-3.9)))).isEqualTo("-3");
        assertThat(repr(call("int", BoolValue.TRUE))).isEqualTo("1");
        assertThat(errorMessage(() -> call("int", s("4x")))).isEqualTo("int() cannot parse \"4x\": invalid digit found in string");
        assertThat(errorMessage(() -> call("int", f(Double.NaN)))).isEqualTo("int() cannot convert NaN to an int");
        assertThat(errorMessage(() -> call("int", f(1e300)))).contains("cannot convert");
        assertThat(errorMessage(() -> call("int", list()))).isEqualTo("int() expected an int, float, bool or string, got list");
        assertThat(repr(call("float", i(2)))).isEqualTo("2.0");
        assertThat(repr(call("float", s("2.5")))).isEqualTo("2.5");
        assertThat(repr(call("float", s("1e3")))).isEqualTo("1000.0");
        assertThat(repr(call("float", s("-inf")))).isEqualTo("-inf");
        assertThat(errorMessage(() -> call("float", s("1.2.3")))).isEqualTo("float() cannot parse \"1.2.3\": invalid float literal");
    }

    @Test
    void bytesConstructor() {
        assertThat(repr(call("bytes"))).isEqualTo("b\"\"");
        assertThat(repr(call("bytes", ints(104, 105, 0)))).isEqualTo("b\"hi\\x00\"");
        assertThat(repr(call("bytes", s("é")))).isEqualTo("b\"\\xc3\\xa9\"");
        assertThat(repr(call("bytes", i(2)))).isEqualTo("b\"\\x00\\x00\"");
        assertThat(errorMessage(() -> call("bytes", ints(256)))).isEqualTo("bytes() expected a byte (0..=255), got 256");
        assertThat(errorMessage(() -> call("bytes", f(1)))).isEqualTo("bytes() expected an int, string, list of ints or bytes, got float");
        assertThat(repr(call("bytes_from_hex", s("6869")))).isEqualTo("Ok(b\"hi\")");
        assertThat(repr(call("bytes_from_hex", s("6")))).isEqualTo("Err(\"invalid hex string: odd length 1\")");
    }

    @Test
    void bytesRefusesAbsurdSizes() {
        limits(Limits.builder().maxMemoryBytes(1000).build());
        assertLimit(() -> call("bytes", i(1_000_000_000_000L)), "max_memory_bytes");
    }

    @Test
    void setAndCell() {
        assertThat(repr(call("set", ints(3, 1, 3, 2)))).isEqualTo("set{3, 1, 2}");
        assertThat(repr(call("set"))).isEqualTo("set{}");
        assertThat(repr(call("set", list(i(1), f(1.0))))).isEqualTo("set{1}");
        assertThat(errorMessage(() -> call("set", i(1))))
                .isEqualTo("set() expected a list, tuple, set, range, string, bytes or dict, got int");
        var c = call("cell", i(42));
        assertThat(c).isInstanceOf(CellValue.class);
        assertThat(repr(c)).isEqualTo("cell(42)");
    }

    @Test
    void assertRequiresABool() {
        assertThat(call("assert", BoolValue.TRUE)).isSameAs(UnitValue.UNIT);
        assertThat(errorMessage(() -> call("assert", i(1)))).isEqualTo("assert expects a bool, got int");
        assertThat(errorMessage(() -> call("assert", BoolValue.FALSE))).isEqualTo("assertion failed");
        assertThat(errorMessage(() -> call("assert", BoolValue.FALSE, s("boom")))).isEqualTo("boom");
        assertThat(error(() -> call("assert", BoolValue.FALSE, s("boom"))).kind()).isEqualTo(ErrorKind.RUNTIME);
    }

    @Test
    void assertEq() {
        assertThat(call("assert_eq", i(1), f(1.0))).isSameAs(UnitValue.UNIT);
        assertThat(errorMessage(() -> call("assert_eq", i(1), i(2)))).isEqualTo("assertion failed: 1 != 2");
        assertThat(errorMessage(() -> call("assert_eq", s("a"), list(s("b"))))).isEqualTo("assertion failed: \"a\" != [\"b\"]");
        assertThat(errorMessage(() -> call("assert_eq", i(1), i(2), s("custom")))).isEqualTo("custom");
        assertThat(errorMessage(() -> call("assert_eq", i(1)))).isEqualTo("assert_eq() takes 2 to 3 arguments (1 given)");
    }
}
