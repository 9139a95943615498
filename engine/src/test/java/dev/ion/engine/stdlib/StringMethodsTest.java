package dev.ion.engine.stdlib;

import dev.ion.engine.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StringMethodsTest extends StdlibTest {

    @Test
    void lengths() {
        assertThat(repr(m(s("héllo"), "len"))).isEqualTo("6");
        assertThat(repr(m(s("héllo"), "char_len"))).isEqualTo("5");
        assertThat(repr(m(s("😀"), "len"))).isEqualTo("4");
        assertThat(repr(m(s("😀"), "char_len"))).isEqualTo("1");
        assertThat(repr(m(s(""), "is_empty"))).isEqualTo("true");
    }

    @Test
    void searching() {
        assertThat(repr(m(s("hello"), "find", s("l")))).isEqualTo("Some(2)");
        assertThat(repr(m(s("héllo"), "find", s("l")))).isEqualTo("Some(2)");
        assertThat(repr(m(s("😀ab"), "index", s("b")))).isEqualTo("Some(2)");
        assertThat(repr(m(s("hello"), "find", s("z")))).isEqualTo("None");
        assertThat(repr(m(s("tab\there"), "contains", s("\t")))).isEqualTo("true");
        assertThat(repr(m(s("hello"), "starts_with", s("he")))).isEqualTo("true");
        assertThat(repr(m(s("hello"), "ends_with", s("lo")))).isEqualTo("true");
        assertThat(repr(m(s("banana"), "count", s("an")))).isEqualTo("2");
        assertThat(repr(m(s("aaaa"), "count", s("aa")))).isEqualTo("2");
        assertThat(repr(m(s("ab"), "count", s("")))).isEqualTo("3");
        assertThat(repr(m(s("héllo"), "contains", i(0xe9)))).isEqualTo("true");
        assertThat(repr(m(s("hello"), "contains", i('z')))).isEqualTo("false");
        assertThat(errorMessage(() -> m(s("a"), "contains", f(1.0)))).isEqualTo("contains() expected a string or an int code point, got float");
        assertThat(errorMessage(() -> m(s("a"), "contains", i(-1)))).isEqualTo("contains() expected a Unicode code point, got -1");
    }

    @Test
    void trimmingAndCase() {
        assertThat(repr(m(s("  pad \u00a0\n"), "trim"))).isEqualTo("\"pad\"");
        assertThat(repr(m(s("  x "), "trim_start"))).isEqualTo("\"x \"");
        assertThat(repr(m(s("  x "), "trim_end"))).isEqualTo("\"  x\"");
        assertThat(repr(m(s("ion"), "to_upper"))).isEqualTo("\"ION\"");
        assertThat(repr(m(s("ÉA"), "to_lower"))).isEqualTo("\"éa\"");
    }

    @Test
    void splitting() {
        assertThat(repr(m(s("a,b,,c"), "split", s(",")))).isEqualTo("[\"a\", \"b\", \"\", \"c\"]");
        assertThat(repr(m(s("a,"), "split", s(",")))).isEqualTo("[\"a\", \"\"]");
        assertThat(repr(m(s(""), "split", s(",")))).isEqualTo("[\"\"]");
        assertThat(repr(m(s("ab"), "split", s("")))).isEqualTo("[\"\", \"a\", \"b\", \"\"]");
        assertThat(repr(m(s("  a  b\tc "), "split"))).isEqualTo("[\"a\", \"b\", \"c\"]");
        assertThat(repr(m(s("line one\nline two"), "split", s("\n")))).isEqualTo("[\"line one\", \"line two\"]");
        assertThat(repr(m(s("a\r\nb\n"), "lines"))).isEqualTo("[\"a\", \"b\"]");
        assertThat(repr(m(s("hé"), "chars"))).isEqualTo("[\"h\", \"é\"]");
    }

    @Test
    void replaceReverseRepeat() {
        assertThat(repr(m(s("a-b-c"), "replace", s("-"), s("+")))).isEqualTo("\"a+b+c\"");
        assertThat(repr(m(s("😀"), "replace", s(""), s("-")))).isEqualTo("\"-😀-\"");
        assertThat(repr(m(s("abc"), "reverse"))).isEqualTo("\"cba\"");
        assertThat(repr(m(s("a😀b"), "reverse"))).isEqualTo("\"b😀a\"");
        assertThat(repr(m(s("ab"), "repeat", i(2)))).isEqualTo("\"abab\"");
        assertThat(repr(m(s("ab"), "repeat", i(0)))).isEqualTo("\"\"");
        assertThat(errorMessage(() -> m(s("ab"), "repeat", i(-1)))).isEqualTo("repeat() expected a non-negative count, got -1");
    }

    @Test
    void repeatRefusesAbsurdSizesBeforeAllocating() {
        limits(Limits.builder().maxMemoryBytes(1 << 20).build());
        assertLimit(() -> m(s("a"), "repeat", i(1_000_000_000_000L)), "max_memory_bytes");
        assertThat(cx.allocated).isZero();
        limits(Limits.unlimited());
        assertLimit(() -> m(s("a"), "repeat", i(1_000_000_000_000L)), "max_memory_bytes (1073741824)");
        limits(Limits.builder().maxMemoryBytes(Long.MAX_VALUE).build());
        assertThat(errorMessage(() -> m(s("a"), "repeat", i(1_000_000_000_000L)))).isEqualTo("repeat() result is too large");
    }

    @Test
    void padding() {
        assertThat(repr(m(s("x"), "pad_start", i(3), s("0")))).isEqualTo("\"00x\"");
        assertThat(repr(m(s("x"), "pad_end", i(3)))).isEqualTo("\"x  \"");
        assertThat(repr(m(s("é"), "pad_start", i(3), s("ab")))).isEqualTo("\"abé\"");
        assertThat(repr(m(s("long"), "pad_start", i(2)))).isEqualTo("\"long\"");
        assertThat(errorMessage(() -> m(s("x"), "pad_start"))).isEqualTo("pad_start() takes 1 to 2 arguments (0 given)");
        limits(Limits.builder().maxMemoryBytes(1 << 20).build());
        assertLimit(() -> m(s("x"), "pad_start", i(1L << 40)), "max_memory_bytes");
    }

    @Test
    void stripping() {
        assertThat(repr(m(s("prefix-x"), "strip_prefix", s("prefix-")))).isEqualTo("\"x\"");
        assertThat(repr(m(s("x"), "strip_prefix", s("y")))).isEqualTo("\"x\"");
        assertThat(repr(m(s("a.txt"), "strip_suffix", s(".txt")))).isEqualTo("\"a\"");
    }

    @Test
    void slicing() {
        assertThat(repr(m(s("hello"), "slice", i(1), i(3)))).isEqualTo("\"el\"");
        assertThat(repr(m(s("héllo"), "slice", i(1), i(100)))).isEqualTo("\"éllo\"");
        assertThat(repr(m(s("hello"), "slice", i(-3), i(5)))).isEqualTo("\"llo\"");
        assertThat(repr(m(s("hello"), "slice", i(4), i(1)))).isEqualTo("\"\"");
        assertThat(repr(m(s("héllo"), "slice", i(1)))).isEqualTo("\"éllo\"");
        assertThat(repr(m(s("hello"), "slice", i(-2)))).isEqualTo("\"lo\"");
        assertThat(errorMessage(() -> m(s("hello"), "slice"))).isEqualTo("slice() takes 1 to 2 arguments (0 given)");
    }

    @Test
    void conversions() {
        assertThat(repr(m(s("aé"), "bytes"))).isEqualTo("[97, 195, 169]");
        assertThat(repr(m(s(" 42\n"), "to_int"))).isEqualTo("Ok(42)");
        assertThat(repr(m(s("\t2.5 "), "to_float"))).isEqualTo("Ok(2.5)");
        assertThat(repr(m(s("42"), "to_int"))).isEqualTo("Ok(42)");
        assertThat(repr(m(s("+42"), "to_int"))).isEqualTo("Ok(42)");
        assertThat(repr(m(s("x"), "to_int"))).isEqualTo("Err(\"invalid digit found in string\")");
        assertThat(repr(m(s(""), "to_int"))).isEqualTo("Err(\"cannot parse integer from empty string\")");
        assertThat(repr(m(s("1 2"), "to_int"))).isEqualTo("Err(\"invalid digit found in string\")");
        assertThat(repr(m(s("9223372036854775808"), "to_int"))).isEqualTo("Err(\"number too large to fit in target type\")");
        assertThat(repr(m(s("-9223372036854775808"), "to_int"))).isEqualTo("Ok(-9223372036854775808)");
        assertThat(repr(m(s("4.5"), "to_float"))).isEqualTo("Ok(4.5)");
        assertThat(repr(m(s("5"), "to_float"))).isEqualTo("Ok(5.0)");
        assertThat(repr(m(s(".5"), "to_float"))).isEqualTo("Ok(0.5)");
        assertThat(repr(m(s("NaN"), "to_float"))).isEqualTo("Ok(NaN)");
        assertThat(repr(m(s("1f"), "to_float"))).isEqualTo("Err(\"invalid float literal\")");
        assertThat(repr(m(s("0x10"), "to_float"))).isEqualTo("Err(\"invalid float literal\")");
        assertThat(m(s("x"), "to_string")).isEqualTo(s("x"));
    }

    @Test
    void unknownMethodIsNull() {
        assertThat(Methods.find(s("x"), "nope")).isNull();
        assertThat(Methods.find(i(1), "to_string")).isNotNull();
    }

    @Test
    void chargesFuelInProportionToLength() {
        String big = "x".repeat(100_000);
        m(s(big), "to_upper");
        assertThat(cx.fuel).isGreaterThanOrEqualTo(100_000);
        assertThat(cx.allocated).isGreaterThanOrEqualTo(200_000);
    }
}
