package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.Values;

/**
 * The tests and projections that compiled patterns are made of (LANGUAGE.md §5): each tests the value on
 * top of the stack for one shape and answers a bool, or takes a part out of a value already tested.
 * Also what {@code ?} and type annotations check.
 */
final class PatternOps {
    private PatternOps() {
    }

    /** Wrapper kind {@code 0}: Some, {@code 1}: Ok, {@code 2}: Err. */
    static BoolValue testWrap(int kind, Value v) {
        return BoolValue.of(kind == 0 ? v instanceof OptionValue o && o.isSome()
                : v instanceof ResultValue r && r.isOk() == (kind == 1));
    }

    static Value wrap(int kind, Value v) {
        return kind == 0 ? OptionValue.some(v) : kind == 1 ? ResultValue.ok(v) : ResultValue.err(v);
    }

    static Value unwrap(Value v) {
        return v instanceof OptionValue o ? o.value() : ((ResultValue) v).value();
    }

    static BoolValue testTuple(Value v, int n) {
        return BoolValue.of(v instanceof TupleValue tv && tv.size() == n);
    }

    /** A list of exactly {@code n} elements, or of at least {@code n} when the pattern has a rest. */
    static BoolValue testList(Value v, int n, boolean exact) {
        return BoolValue.of(v instanceof ListValue l && (exact ? l.size() == n : l.size() >= n));
    }

    /** {@code qualified} is {@code Enum::Variant}; {@code n < 0} accepts any payload size. */
    static BoolValue testEnum(Value v, String qualified, int n) {
        return BoolValue.of(v instanceof EnumValue e && (e.enumName() + "::" + e.variant()).equals(qualified)
                && (n < 0 || e.payload().length == n));
    }

    static BoolValue testStruct(Value v, String name) {
        return BoolValue.of(v instanceof StructValue s && s.structName().equals(name));
    }

    /** A literal pattern: equal values of the same type (ints and floats compare as numbers). */
    static BoolValue testEq(Value a, Value b) {
        return BoolValue.of((a.getClass() == b.getClass() || Values.isNumber(a) && Values.isNumber(b))
                && Values.equal(a, b));
    }

    /** A range pattern; a null bound is open. */
    static BoolValue testRange(Value v, Value lo, Value hi, boolean inclusive) {
        return BoolValue.of(Values.isNumber(v)
                && (lo == null || Values.compareScalars(lo, v) <= 0)
                && (hi == null || (inclusive ? Values.compareScalars(v, hi) <= 0 : Values.compareScalars(v, hi) < 0)));
    }

    static void typeCheck(String type, Value v) {
        if (!TypeCheck.matches(type, v)) {
            throw IonException.type("type mismatch: expected " + type + ", got " + v.typeName());
        }
    }

    /** What {@code ?} continues with: the value inside an Ok or Some; null for an Err or None. */
    static Value questionInner(Value v) {
        if (v instanceof ResultValue r) return r.isOk() ? r.value() : null;
        if (v instanceof OptionValue o) return o.isSome() ? o.value() : null;
        throw IonException.type("'?' expects an Option or a Result, got " + v.typeName());
    }
}
