package dev.ion.engine.stdlib;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BytesMethodsTest extends StdlibTest {
    static final Value ABC = b("abc");

    @Test
    void searching() {
        assertThat(repr(m(ABC, "len"))).isEqualTo("3");
        assertThat(repr(m(b(""), "is_empty"))).isEqualTo("true");
        assertThat(repr(m(ABC, "contains", i(98)))).isEqualTo("true");
        assertThat(repr(m(ABC, "contains", b("bc")))).isEqualTo("true");
        assertThat(repr(m(ABC, "find", b("c")))).isEqualTo("Some(2)");
        assertThat(repr(m(ABC, "find", b("x")))).isEqualTo("None");
        assertThat(repr(m(b("aXaXa"), "count", b("X")))).isEqualTo("2");
        assertThat(repr(m(ABC, "starts_with", b("ab")))).isEqualTo("true");
        assertThat(repr(m(ABC, "ends_with", b("abcd")))).isEqualTo("false");
        assertThat(repr(m(ABC, "get", i(-1)))).isEqualTo("Some(99)");
        assertThat(errorMessage(() -> m(ABC, "contains", s("a")))).isEqualTo("contains() expected bytes or an int, got string");
    }

    @Test
    void transforming() {
        assertThat(repr(m(ABC, "slice", i(1), i(9)))).isEqualTo("b\"bc\"");
        assertThat(repr(m(b("a,b,,c"), "split", b(",")))).isEqualTo("[b\"a\", b\"b\", b\"\", b\"c\"]");
        assertThat(repr(m(b("a-b"), "replace", b("-"), b("+-")))).isEqualTo("b\"a+-b\"");
        assertThat(repr(m(ABC, "reverse"))).isEqualTo("b\"cba\"");
        assertThat(repr(m(ABC, "repeat", i(2)))).isEqualTo("b\"abcabc\"");
        assertThat(repr(m(ABC, "push", i(0)))).isEqualTo("b\"abc\\x00\"");
        assertThat(repr(m(ABC, "extend", ints(1, 2)))).isEqualTo("b\"abc\\x01\\x02\"");
        assertThat(repr(m(ABC, "extend", b("d")))).isEqualTo("b\"abcd\"");
        assertThat(repr(m(ABC, "set", i(0), i(65)))).isEqualTo("b\"Abc\"");
        assertThat(repr(ABC)).isEqualTo("b\"abc\"");
        assertThat(errorMessage(() -> m(ABC, "set", i(3), i(0)))).startsWith("index out of bounds");
        assertThat(errorMessage(() -> m(ABC, "push", i(300)))).isEqualTo("push() expected a byte (0..=255), got 300");
        assertThat(repr(m(ABC, "pop"))).isEqualTo("(b\"ab\", Some(99))");
        assertThat(repr(m(b(""), "pop"))).isEqualTo("(b\"\", None)");
        assertThat(repr(m(b("\u00ff\u0001"), "to_list"))).isEqualTo("[255, 1]");
    }

    @Test
    void repeatRefusesAbsurdSizes() {
        limits(Limits.builder().maxMemoryBytes(1 << 20).build());
        assertLimit(() -> m(ABC, "repeat", i(1L << 40)), "max_memory_bytes");
    }

    @Test
    void textEncodings() {
        assertThat(repr(m(b("hi"), "to_str"))).isEqualTo("Ok(\"hi\")");
        assertThat(repr(m(BytesValue.of(new byte[] {(byte) 0xc3, (byte) 0xa9}), "to_str"))).isEqualTo("Ok(\"é\")");
        assertThat(repr(m(b("a\u00ffb"), "to_str"))).isEqualTo("Err(\"invalid utf-8 sequence of 1 bytes from index 1\")");
        assertThat(repr(m(BytesValue.of(new byte[] {'a', (byte) 0xe2, (byte) 0x82}), "to_str")))
                .isEqualTo("Err(\"incomplete utf-8 byte sequence from index 1\")");
        assertThat(repr(m(ABC, "to_hex"))).isEqualTo("\"616263\"");
        assertThat(repr(m(b("\u00ff"), "to_hex"))).isEqualTo("\"ff\"");
        assertThat(repr(m(b("hello"), "to_base64"))).isEqualTo("\"aGVsbG8=\"");
        assertThat(repr(m(b(""), "to_base64"))).isEqualTo("\"\"");
    }

    @Test
    void fixedWidthReads() {
        Value d = BytesValue.of(new byte[] {1, 2, (byte) 0xff, (byte) 0xfe, 0, 0, 0, (byte) 0x80});
        assertThat(repr(m(d, "read_u16_le", i(0)))).isEqualTo("Ok(513)");
        assertThat(repr(m(d, "read_u16_be", i(0)))).isEqualTo("Ok(258)");
        assertThat(repr(m(d, "read_i16_le", i(2)))).isEqualTo("Ok(-257)");
        assertThat(repr(m(d, "read_u16_le", i(2)))).isEqualTo("Ok(65279)");
        assertThat(repr(m(d, "read_u32_be", i(0)))).isEqualTo("Ok(16973822)");
        assertThat(repr(m(d, "read_i32_le", i(4)))).isEqualTo("Ok(-2147483648)");
        assertThat(repr(m(d, "read_u32_le", i(4)))).isEqualTo("Ok(2147483648)");
        assertThat(repr(m(d, "read_i64_le", i(0)))).isEqualTo("Ok(-9223372032576650751)");
        assertThat(repr(m(d, "read_u64_be", i(0)))).isEqualTo("Ok(72902010378125440)");
        assertThat(repr(m(d, "read_u64_le", i(0)))).isEqualTo("Err(\"read_u64_le() value 9223372041132900865 does not fit in an int\")");
        assertThat(repr(m(d, "read_u32_le", i(6)))).isEqualTo("Err(\"read_u32_le() offset 6 out of bounds for 8 bytes\")");
        assertThat(repr(m(d, "read_u32_le", i(-1)))).isEqualTo("Err(\"read_u32_le() offset -1 out of bounds for 8 bytes\")");
    }
}
