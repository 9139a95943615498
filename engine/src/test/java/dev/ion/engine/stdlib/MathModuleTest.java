package dev.ion.engine.stdlib;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MathModuleTest extends StdlibTest {

    @Test
    void constants() {
        var math = Modules.get("math");
        assertThat(repr(math.member("PI"))).isEqualTo("3.141592653589793");
        assertThat(repr(math.member("E"))).isEqualTo("2.718281828459045");
        assertThat(repr(math.member("TAU"))).isEqualTo("6.283185307179586");
        assertThat(repr(math.member("INF"))).isEqualTo("inf");
        assertThat(repr(math.member("NAN"))).isEqualTo("NaN");
    }

    @Test
    void absKeepsInts() {
        assertThat(repr(mod("math", "abs", i(-3)))).isEqualTo("3");
        assertThat(repr(mod("math", "abs", f(-2.5)))).isEqualTo("2.5");
        assertThat(errorMessage(() -> mod("math", "abs", i(Long.MIN_VALUE)))).isEqualTo("integer overflow");
        assertThat(errorMessage(() -> mod("math", "abs", s("x")))).isEqualTo("abs() expected a number, got string");
    }

    @Test
    void minMaxTakeAnyNumberOfArguments() {
        assertThat(repr(mod("math", "max", i(1), i(9), i(4)))).isEqualTo("9");
        assertThat(repr(mod("math", "min", i(3), f(2.5)))).isEqualTo("2.5");
        assertThat(repr(mod("math", "max", i(7)))).isEqualTo("7");
        assertThat(repr(mod("math", "max", ints(1, 5, 2)))).isEqualTo("5");
        assertThat(errorMessage(() -> mod("math", "max"))).isEqualTo("max() takes at least 1 argument (0 given)");
        assertThat(errorMessage(() -> mod("math", "min", i(1), s("a")))).isEqualTo("min() expected numbers, got string");
    }

    @Test
    void roundingAFloatGivesAFloatAndAnIntUnchanged() {
        assertThat(repr(mod("math", "floor", f(2.7)))).isEqualTo("2.0");
        assertThat(repr(mod("math", "floor", i(2)))).isEqualTo("2");
        assertThat(repr(mod("math", "ceil", i(-2)))).isEqualTo("-2");
        assertThat(repr(mod("math", "round", i(5)))).isEqualTo("5");
        assertThat(repr(mod("math", "ceil", f(2.1)))).isEqualTo("3.0");
        assertThat(repr(mod("math", "round", f(2.5)))).isEqualTo("3.0");
        assertThat(repr(mod("math", "round", f(-2.5)))).isEqualTo("-3.0");
        assertThat(repr(mod("math", "round", f(0.49999999999999994)))).isEqualTo("0.0");
        assertThat(repr(mod("math", "round", f(-0.4)))).isEqualTo("-0.0");
    }

    @Test
    void functions() {
        assertThat(repr(mod("math", "sqrt", f(16.0)))).isEqualTo("4.0");
        assertThat(repr(mod("math", "sqrt", i(-1)))).isEqualTo("NaN");
        assertThat(repr(mod("math", "pow", i(2), i(10)))).isEqualTo("1024");
        assertThat(repr(mod("math", "pow", i(2), i(-1)))).isEqualTo("0.5");
        assertThat(repr(mod("math", "pow", f(2), f(0.5)))).isEqualTo("1.4142135623730951");
        assertThat(errorMessage(() -> mod("math", "pow", i(2), i(64)))).isEqualTo("integer overflow");
        assertThat(repr(mod("math", "clamp", i(15), i(0), i(10)))).isEqualTo("10");
        assertThat(repr(mod("math", "clamp", f(-1), i(0), i(10)))).isEqualTo("0.0");
        assertThat(errorMessage(() -> mod("math", "clamp", i(1), i(5), i(0)))).isEqualTo("clamp() expected lo <= hi, got 5 > 0");
        assertThat(repr(mod("math", "sin", i(0)))).isEqualTo("0.0");
        assertThat(repr(mod("math", "cos", i(0)))).isEqualTo("1.0");
        assertThat(repr(mod("math", "tan", i(0)))).isEqualTo("0.0");
        assertThat(repr(mod("math", "atan2", i(1), i(1)))).isEqualTo("0.7853981633974483");
        assertThat(repr(mod("math", "log", Modules.get("math").member("E")))).isEqualTo("1.0");
        assertThat(repr(mod("math", "log", i(8), i(2)))).isEqualTo("3.0");
        assertThat(repr(mod("math", "log2", i(1024)))).isEqualTo("10.0");
        assertThat(repr(mod("math", "log10", i(1000)))).isEqualTo("3.0");
        assertThat(repr(mod("math", "is_nan", f(Double.NaN)))).isEqualTo("true");
        assertThat(repr(mod("math", "is_nan", i(1)))).isEqualTo("false");
        assertThat(repr(mod("math", "is_inf", f(Double.NEGATIVE_INFINITY)))).isEqualTo("true");
    }
}
