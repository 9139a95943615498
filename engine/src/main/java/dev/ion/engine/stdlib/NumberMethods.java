package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.FloatFormat;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;

/** A few conveniences on ints and floats ({@code abs}, conversions, rounding) beyond the universal {@code to_string}. */
final class NumberMethods {
    private NumberMethods() {
    }

    static final MethodTable INT = new MethodTable()
            .add("abs", 0, 0, (cx, a) -> MathModule.abs(a[0]))
            .add("to_float", 0, 0, (cx, a) -> FloatValue.of((double) ((IntValue) a[0]).value))
            .add("to_int", 0, 0, (cx, a) -> a[0])
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    static final MethodTable FLOAT = new MethodTable()
            .add("abs", 0, 0, (cx, a) -> MathModule.abs(a[0]))
            .add("floor", 0, 0, (cx, a) -> FloatValue.of(Math.floor(f(a[0]))))
            .add("ceil", 0, 0, (cx, a) -> FloatValue.of(Math.ceil(f(a[0]))))
            .add("round", 0, 0, (cx, a) -> FloatValue.of(MathModule.round(f(a[0]))))
            .add("sqrt", 0, 0, (cx, a) -> FloatValue.of(Math.sqrt(f(a[0]))))
            .add("is_nan", 0, 0, (cx, a) -> BoolValue.of(Double.isNaN(f(a[0]))))
            .add("to_float", 0, 0, (cx, a) -> a[0])
            .add("to_int", 0, 0, (cx, a) -> IntValue.of(truncate("to_int", f(a[0]))))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    private static double f(Value v) {
        return ((FloatValue) v).value;
    }

    /** Truncates toward zero; NaN, infinities and out-of-range values fail. */
    static long truncate(String fn, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
            throw IonException.runtime(fn + "() cannot convert " + FloatFormat.format(d) + " to an int");
        }
        return (long) d;
    }
}
