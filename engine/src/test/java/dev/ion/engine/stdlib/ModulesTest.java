package dev.ion.engine.stdlib;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.Values;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModulesTest extends StdlibTest {

    @Test
    void allStandardModulesExist() {
        assertThat(Modules.all()).containsOnlyKeys("math", "json", "string", "bytes", "rand", "io", "log", "path", "semver");
        assertThat(Modules.unavailable("fs")).isTrue();
        assertThat(Modules.unavailable("os")).isTrue();
        assertThat(Modules.unavailable("math")).isFalse();
        assertThat(Modules.unavailableMessage("fs")).isEqualTo("module 'fs' is not available in the sandbox");
        assertThat(Modules.get("math").toString()).isEqualTo("<module math>");
    }

    @Test
    void stringModuleHasEveryStringMethod() {
        for (String name : StringMethods.TABLE.names()) assertThat(Modules.get("string").member(name)).as(name).isNotNull();
        assertThat(repr(mod("string", "join", list(s("a"), s("b")), s("/")))).isEqualTo("\"a/b\"");
        assertThat(repr(mod("string", "join", list(s("a"), i(1))))).isEqualTo("\"a1\"");
        assertThat(repr(mod("string", "trim", s("  x ")))).isEqualTo("\"x\"");
        assertThat(repr(mod("string", "split", s("a,b"), s(",")))).isEqualTo("[\"a\", \"b\"]");
        assertThat(repr(mod("string", "pad_start", s("x"), i(3), s("0")))).isEqualTo("\"00x\"");
        assertThat(errorMessage(() -> mod("string", "trim", i(1)))).isEqualTo("trim() expected a string, got int");
        assertThat(errorMessage(() -> mod("string", "trim"))).isEqualTo("trim() takes 1 argument (0 given)");
        assertThat(repr(mod("string", "slice", s("xyz"), i(1)))).isEqualTo("\"yz\"");
        assertThat(errorMessage(() -> mod("string", "slice", s("x")))).isEqualTo("slice() takes 2 to 3 arguments (1 given)");
        assertThat(repr(mod("string", "to_string", i(12)))).isEqualTo("\"12\"");
    }

    @Test
    void bytesModule() {
        assertThat(repr(mod("bytes", "new"))).isEqualTo("b\"\"");
        assertThat(repr(mod("bytes", "zeroed", i(3)))).isEqualTo("b\"\\x00\\x00\\x00\"");
        assertThat(repr(mod("bytes", "repeat", i(97), i(3)))).isEqualTo("b\"aaa\"");
        assertThat(repr(mod("bytes", "repeat", b("ab"), i(2)))).isEqualTo("b\"abab\"");
        assertThat(repr(mod("bytes", "from_list", ints(104, 105)))).isEqualTo("b\"hi\"");
        assertThat(repr(mod("bytes", "from_str", s("hé")))).isEqualTo("b\"h\\xc3\\xa9\"");
        assertThat(repr(mod("bytes", "from_hex", s("6869")))).isEqualTo("Ok(b\"hi\")");
        assertThat(repr(mod("bytes", "from_hex", s("FFab")))).isEqualTo("Ok(b\"\\xff\\xab\")");
        assertThat(repr(mod("bytes", "from_hex", s("zz")))).isEqualTo("Err(\"invalid hex character \\\"z\\\" at index 0\")");
        assertThat(repr(mod("bytes", "from_base64", s("aGVsbG8=")))).isEqualTo("Ok(b\"hello\")");
        assertThat(repr(mod("bytes", "from_base64", s("aGVsbG8")))).isEqualTo("Ok(b\"hello\")");
        assertThat(repr(mod("bytes", "from_base64", s("!!")))).startsWith("Err(\"invalid base64");
        assertThat(repr(mod("bytes", "concat", b("a"), b("b"), b("c")))).isEqualTo("b\"abc\"");
        assertThat(repr(mod("bytes", "concat", list(b("a"), b("b"))))).isEqualTo("b\"ab\"");
        assertThat(repr(mod("bytes", "join", list(b("a"), b("b")), b(", ")))).isEqualTo("b\"a, b\"");
        assertThat(errorMessage(() -> mod("bytes", "concat", b("a"), i(1)))).isEqualTo("concat() expected bytes, got int");
    }

    @Test
    void bytesEncodersRoundTripWithReads() {
        assertThat(repr(mod("bytes", "u16_le", i(513)))).isEqualTo("b\"\\x01\\x02\"");
        assertThat(repr(mod("bytes", "u16_be", i(513)))).isEqualTo("b\"\\x02\\x01\"");
        assertThat(repr(mod("bytes", "i16_le", i(-1)))).isEqualTo("b\"\\xff\\xff\"");
        assertThat(repr(mod("bytes", "u32_be", i(1)))).isEqualTo("b\"\\x00\\x00\\x00\\x01\"");
        assertThat(errorMessage(() -> mod("bytes", "u16_le", i(70000)))).isEqualTo("u16_le() value 70000 out of range for u16");
        assertThat(errorMessage(() -> mod("bytes", "i32_be", i(1L << 31)))).isEqualTo("i32_be() value 2147483648 out of range for i32");
        assertThat(errorMessage(() -> mod("bytes", "u64_le", i(-1)))).isEqualTo("u64_le() value -1 out of range for u64");
        for (String t : new String[] {"u16", "i16", "u32", "i32", "u64", "i64"}) {
            for (String e : new String[] {"le", "be"}) {
                long v = t.startsWith("i") ? -12345 : 54321;
                Value enc = mod("bytes", t + "_" + e, i(v));
                assertThat(repr(m(enc, "read_" + t + "_" + e, i(0)))).as(t + e).isEqualTo("Ok(" + v + ")");
            }
        }
        assertThat(repr(m(mod("bytes", "i64_be", i(Long.MIN_VALUE)), "read_i64_be", i(0)))).isEqualTo("Ok(" + Long.MIN_VALUE + ")");
    }

    @Test
    void bytesZeroedRefusesAbsurdSizes() {
        limits(Limits.builder().maxMemoryBytes(1 << 20).build());
        assertLimit(() -> mod("bytes", "zeroed", i(1_000_000_000_000L)), "max_memory_bytes");
        assertThat(cx.allocated).isZero();
        assertThat(errorMessage(() -> mod("bytes", "zeroed", i(-1)))).isEqualTo("zeroed() expected a non-negative count, got -1");
    }

    @Test
    void randUsesTheContextGenerator() {
        cx.random = new Random(1);
        Set<Long> seen = new HashSet<>();
        for (int k = 0; k < 200; k++) {
            long v = ((IntValue) mod("rand", "int", i(1), i(4))).value;
            assertThat(v).isBetween(1L, 3L);
            seen.add(v);
            long w = ((IntValue) mod("rand", "int", i(3))).value;
            assertThat(w).isBetween(0L, 2L);
            seen.add(w + 10);
        }
        assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 10L, 11L, 12L);
        assertThat(repr(mod("rand", "int", i(5), i(6)))).isEqualTo("5");
        assertThat(errorMessage(() -> mod("rand", "int", i(5), i(1)))).isEqualTo("int() expected min < max, got 5 >= 1");
        assertThat(errorMessage(() -> mod("rand", "int", i(5), i(5)))).isEqualTo("int() expected min < max, got 5 >= 5");
        assertThat(mod("rand", "int")).isInstanceOf(IntValue.class);
        mod("rand", "int", i(Long.MIN_VALUE), i(Long.MAX_VALUE));
        mod("rand", "int", i(-10), i(Long.MAX_VALUE));
        double d = mod("rand", "float").asDouble();
        assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
        assertThat(mod("rand", "bool")).isInstanceOf(BoolValue.class);
        assertThat(((BytesValue) mod("rand", "bytes", i(16))).size()).isEqualTo(16);
        assertThat(repr(mod("rand", "choice", list()))).isEqualTo("None");
        assertThat(repr(mod("rand", "choice", ints(7)))).isEqualTo("Some(7)");
        Value shuffled = mod("rand", "shuffle", ints(1, 2, 3, 4, 5));
        assertThat(Values.equal(m(shuffled, "sort"), ints(1, 2, 3, 4, 5))).isTrue();
        ListValue sample = (ListValue) mod("rand", "sample", ints(1, 2, 3, 4, 5), i(3));
        assertThat(sample.size()).isEqualTo(3);
        assertThat(repr(m(sample, "unique", new Value[0]))).isEqualTo(repr(sample));
        assertThat(((ListValue) mod("rand", "sample", ints(1, 2), i(2))).size()).isEqualTo(2);
        assertThat(errorMessage(() -> mod("rand", "sample", ints(1, 2), i(5)))).isEqualTo("sample() cannot take 5 elements from 2");
    }

    @Test
    void randBoundsAreHalfOpenAndBoolFollowsItsProbability() {
        cx.random = new Random(7);
        int trues = 0;
        for (int k = 0; k < 4000; k++) {
            if (mod("rand", "bool", f(0.25)).asBoolean()) trues++;
            assertThat(((IntValue) mod("rand", "int", i(Long.MIN_VALUE), i(Long.MAX_VALUE))).value).isLessThan(Long.MAX_VALUE);
            double wide = mod("rand", "float", f(-Double.MAX_VALUE), f(Double.MAX_VALUE)).asDouble();
            assertThat(wide).isFinite().isLessThan(Double.MAX_VALUE);
            assertThat(mod("rand", "float", f(2.5)).asDouble()).isGreaterThanOrEqualTo(0).isLessThan(2.5);
        }
        assertThat(trues).isBetween(800, 1200);
        assertThat(((BytesValue) mod("rand", "sample", Value.bytes(new byte[] {1, 2, 3}), i(3))).size()).isEqualTo(3);
        assertThat(errorMessage(() -> mod("rand", "bool", f(1.01)))).isEqualTo("bool() expected a probability in 0.0..=1.0, got 1.01");
    }

    @Test
    void randIsReproducibleForASeed() {
        cx.random = new Random(99);
        Value a = mod("rand", "shuffle", ints(1, 2, 3, 4, 5, 6, 7, 8));
        cx.random = new Random(99);
        Value b = mod("rand", "shuffle", ints(1, 2, 3, 4, 5, 6, 7, 8));
        assertThat(repr(a)).isEqualTo(repr(b));
    }

    @Test
    void ioWritesThroughTheContext() {
        mod("io", "print", s("a"), i(1));
        mod("io", "println", s("b"));
        mod("io", "eprintln", list(s("c")));
        mod("io", "println");
        assertThat(cx.out.toString()).isEqualTo("a 1b\n[c]\n\n");
    }

    @Test
    void logGoesToTheLogHandler() {
        mod("log", "info", s("hello"), i(2));
        mod("log", "trace", s("t"));
        mod("log", "debug", s("d"));
        mod("log", "warn", s("w"));
        mod("log", "error", s("e"));
        assertThat(cx.logs).containsExactly("info: hello 2", "trace: t", "debug: d", "warn: w", "error: e");
    }

    @Test
    void logThresholdDropsQuieterRecords() {
        assertThat(repr(mod("log", "level"))).isEqualTo("\"trace\"");
        mod("log", "set_level", s("warn"));
        assertThat(repr(mod("log", "level"))).isEqualTo("\"warn\"");
        assertThat(repr(mod("log", "enabled", s("error")))).isEqualTo("true");
        assertThat(repr(mod("log", "enabled", s("info")))).isEqualTo("false");
        mod("log", "info", s("dropped"));
        mod("log", "warn", s("kept"));
        mod("log", "set_level", s("off"));
        mod("log", "error", s("dropped too"));
        assertThat(repr(mod("log", "enabled", s("off")))).isEqualTo("false");
        assertThat(cx.logs).containsExactly("warn: kept");
        assertThat(errorMessage(() -> mod("log", "set_level", s("loud"))))
                .isEqualTo("set_level() expected one of off, error, warn, info, debug, trace, got \"loud\"");
        assertThat(errorMessage(() -> mod("log", "enabled", i(1)))).isEqualTo("enabled() expected a string, got int");
        assertThat(cx.out.toString()).isEmpty();
    }
}
