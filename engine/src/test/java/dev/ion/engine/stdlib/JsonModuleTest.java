package dev.ion.engine.stdlib;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.value.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonModuleTest extends StdlibTest {

    String encode(Value v) {
        return mod("json", "encode", v).toString();
    }

    @Test
    void encodeIsCompact() {
        assertThat(encode(ints(1, 2, 3))).isEqualTo("[1,2,3]");
        Value d = dict("a", list(i(1), f(2.5), BoolValue.TRUE, NONE), "b", s("x"));
        assertThat(encode(d)).isEqualTo("{\"a\":[1,2.5,true,null],\"b\":\"x\"}");
        assertThat(encode(NONE)).isEqualTo("null");
        assertThat(encode(some(i(1)))).isEqualTo("1");
        assertThat(encode(UnitValue.UNIT)).isEqualTo("null");
        assertThat(encode(f(1.0))).isEqualTo("1.0");
        assertThat(encode(f(1e21))).isEqualTo("1000000000000000000000.0");
        assertThat(encode(f(Double.NaN))).isEqualTo("null");
        assertThat(encode(tuple(i(1), s("a")))).isEqualTo("[1,\"a\"]");
        assertThat(encode(SetValue.of(List.of(i(1))))).isEqualTo("[1]");
        assertThat(encode(list())).isEqualTo("[]");
        assertThat(encode(dict())).isEqualTo("{}");
        assertThat(encode(s("q\"\\\n\t\u0001é/"))).isEqualTo("\"q\\\"\\\\\\n\\t\\u0001é/\"");
    }

    @Test
    void encodeRejectsNonJsonValues() {
        assertThat(errorMessage(() -> encode(b("x")))).isEqualTo("encode() cannot encode a value of type bytes as JSON");
        assertThat(errorMessage(() -> encode(list(new CellValue(i(1))))))
                .isEqualTo("encode() cannot encode a value of type cell as JSON");
        assertThat(errorMessage(() -> encode(ResultValue.ok(i(1))))).contains("Result");
        assertThat(errorMessage(() -> encode(Builtins.all().get("len")))).contains("builtin_fn");
    }

    @Test
    void pretty() {
        Value d = dict("a", ints(1, 2), "b", dict(), "c", list());
        assertThat(mod("json", "pretty", d).toString()).isEqualTo("""
                {
                  "a": [
                    1,
                    2
                  ],
                  "b": {},
                  "c": []
                }""");
        assertThat(mod("json", "pretty", i(1)).toString()).isEqualTo("1");
    }

    @Test
    void decode() {
        Value back = mod("json", "decode", s("{\"n\": [1, 2], \"s\": \"t\", \"z\": null}"));
        assertThat(repr(back)).isEqualTo("#{\"n\": [1, 2], \"s\": \"t\", \"z\": None}");
        assertThat(repr(mod("json", "decode", s(" [1.5, -0.25e1, 1E2, true, false, {}] ")))).isEqualTo("[1.5, -2.5, 100.0, true, false, #{}]");
        assertThat(repr(mod("json", "decode", s("\"a\\u00e9\\ud83d\\ude00\\n\\/\"")))).isEqualTo("\"aé😀\\n/\"");
        assertThat(repr(mod("json", "decode", s("12345678901234567890")))).isEqualTo("12345678901234567000.0");
        assertThat(repr(mod("json", "decode", s("-9223372036854775808")))).isEqualTo("-9223372036854775808");
        assertThat(repr(mod("json", "decode", s("{\"a\": 1, \"b\": 2, \"a\": 3}")))).isEqualTo("#{\"a\": 3, \"b\": 2}");
        assertThat(repr(mod("json", "decode", s("null")))).isEqualTo("None");
    }

    @Test
    void decodeErrorsCarryThePosition() {
        assertThat(errorMessage(() -> mod("json", "decode", s("[1, 2")))).isEqualTo("invalid JSON at line 1 column 6: EOF while parsing a list");
        assertThat(errorMessage(() -> mod("json", "decode", s("{\n  \"a\": tru }"))))
                .isEqualTo("invalid JSON at line 2 column 11: expected ident");
        assertThat(errorMessage(() -> mod("json", "decode", s("[1,]")))).isEqualTo("invalid JSON at line 1 column 4: trailing comma");
        assertThat(errorMessage(() -> mod("json", "decode", s("1 2")))).isEqualTo("invalid JSON at line 1 column 3: trailing characters");
        assertThat(errorMessage(() -> mod("json", "decode", s("")))).isEqualTo("invalid JSON at line 1 column 1: EOF while parsing a value");
        assertThat(errorMessage(() -> mod("json", "decode", s("{1: 2}")))).isEqualTo("invalid JSON at line 1 column 2: key must be a string");
        assertThat(errorMessage(() -> mod("json", "decode", s("01")))).isEqualTo("invalid JSON at line 1 column 2: invalid number");
        assertThat(errorMessage(() -> mod("json", "decode", s("\"\\x\"")))).isEqualTo("invalid JSON at line 1 column 3: invalid escape");
        assertThat(errorMessage(() -> mod("json", "decode", s("[1 2]")))).isEqualTo("invalid JSON at line 1 column 4: expected `,` or `]`");
        assertThat(errorMessage(() -> mod("json", "decode", s("{\"a\" 1}")))).isEqualTo("invalid JSON at line 1 column 6: expected `:`");
        assertThat(errorMessage(() -> mod("json", "decode", s("'a'")))).isEqualTo("invalid JSON at line 1 column 1: expected value");
        assertThat(errorMessage(() -> mod("json", "decode", i(1)))).isEqualTo("decode() expected a string, got int");
    }

    @Test
    void roundTripsNestedValues() {
        Value v = dict("list", list(i(1), f(0.1), s("x"), NONE, list(), dict("k", BoolValue.FALSE)), "n", i(-5));
        Value back = mod("json", "decode", mod("json", "encode", v));
        assertThat(Values.equal(back, v)).isTrue();
        Value back2 = mod("json", "decode", mod("json", "pretty", v));
        assertThat(Values.equal(back2, v)).isTrue();
    }

    @Test
    void deepNestingWorksBothWays() {
        int depth = 200_000;
        Value deep = ints(1);
        for (int k = 0; k < depth; k++) deep = (k % 2 == 0) ? list(deep) : dict("k", deep);
        String text = encode(deep);
        assertThat(text).startsWith("{\"k\":[{\"k\":[").hasSize(depth / 2 * 6 + depth / 2 * 2 + 3);
        Value back = mod("json", "decode", s(text));
        assertThat(Values.equal(back, deep)).isTrue();
        // pretty output grows quadratically with depth (indentation): 200k levels hit the memory limit, not the stack
        Value deepForPretty = deep;
        assertLimit(() -> mod("json", "pretty", deepForPretty), "max_memory_bytes");
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        Value nested = mod("json", "decode", s(arrays));
        assertThat(encode(nested)).isEqualTo(arrays);
        assertThat(nested).isInstanceOf(ListValue.class);
        String objects = "{\"a\":".repeat(depth) + "null" + "}".repeat(depth);
        Value objs = mod("json", "decode", s(objects));
        assertThat(objs).isInstanceOf(DictValue.class);
        assertThat(encode(objs)).isEqualTo(objects);
    }

    @Test
    void prettyHandlesThousandsOfLevels() {
        Value deep = ints(1);
        for (int k = 0; k < 3_000; k++) deep = list(deep);
        String pretty = mod("json", "pretty", deep).toString();
        assertThat(pretty).startsWith("[\n  [\n    [").endsWith("]\n  ]\n]");
        assertThat(Values.equal(mod("json", "decode", s(pretty)), deep)).isTrue();
    }

    @Test
    void encodeStopsAtTheMemoryLimit() {
        limits(Limits.builder().maxMemoryBytes(100_000).build());
        Value[] items = new Value[100_000];
        java.util.Arrays.fill(items, s("xxxxxxxxxx"));
        assertLimit(() -> encode(ListValue.of(items)), "max_memory_bytes");
    }
}
