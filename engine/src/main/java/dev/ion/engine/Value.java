package dev.ion.engine;

import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.value.Values;

import java.util.List;
import java.util.Map;

/**
 * An Ion value. All values are immutable except {@code cell}; collections share
 * structure. Subclasses live in {@code dev.ion.engine.value} and the VM packages.
 *
 * <p>Not thread-safe to extend: lists, dicts, strings and bytes grow their newest
 * version in place, so a collection value must not be handed to two runs that execute
 * at the same time on different threads (give each run its own, e.g. from
 * {@link HostValues#fromJava}). Reading values from several threads is fine.
 *
 * <p>Conversions to and from structs, enums, Java data and JSON are in {@link HostValues}: this type
 * stays at the bottom of the engine, below the standard library they need.
 */
public abstract class Value {

    /** The name {@code type_of} returns for this value. */
    public abstract String typeName();

    /** Truthiness (LANGUAGE.md §3.2): everything is true except false, None, (), 0 and empty bytes. */
    public boolean truthy() {
        return true;
    }

    /** The unambiguous, literal-like form (LANGUAGE.md §3.5). */
    public final String repr() {
        return Printer.repr(this);
    }

    /** The repr, cut after about {@code maxChars} characters (ending in {@code …}); safe on hostile values. */
    public final String repr(long maxChars) {
        return Printer.repr(this, maxChars);
    }

    /** The display form: what {@code print} and f-strings produce. */
    @Override
    public final String toString() {
        return Printer.display(this);
    }

    /** Structural equality (LANGUAGE.md §3.3); never fails. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof Value v && Values.equal(this, v);
    }

    @Override
    public final int hashCode() {
        return Values.hash(this);
    }

    // ---- factories -------------------------------------------------------

    public static Value of(long v) {
        return IntValue.of(v);
    }

    public static Value of(double v) {
        return FloatValue.of(v);
    }

    public static Value of(boolean v) {
        return BoolValue.of(v);
    }

    public static Value of(String v) {
        return StrValue.of(v);
    }

    public static Value bytes(byte[] v) {
        return BytesValue.of(v.clone());
    }

    public static Value list(Value... items) {
        return ListValue.of(items.clone());
    }

    public static Value list(List<? extends Value> items) {
        return ListValue.of(items.toArray(new Value[0]));
    }

    public static Value tuple(Value... items) {
        return TupleValue.of(items.clone());
    }

    public static Value dict(Map<String, ? extends Value> entries) {
        return DictValue.of(entries);
    }

    public static Value none() {
        return OptionValue.NONE;
    }

    public static Value some(Value v) {
        return OptionValue.some(v);
    }

    public static Value ok(Value v) {
        return ResultValue.ok(v);
    }

    public static Value err(Value v) {
        return ResultValue.err(v);
    }

    public static Value unit() {
        return UnitValue.UNIT;
    }

    // ---- typed accessors ----------------------------------------------------

    private IonException expected(String type) {
        return IonException.type("expected " + type + ", got " + typeName());
    }

    public long asLong() {
        if (this instanceof IntValue i) return i.value;
        throw expected("int");
    }

    /** The numeric value of an int or a float. */
    public double asDouble() {
        if (this instanceof FloatValue f) return f.value;
        if (this instanceof IntValue i) return i.value;
        throw expected("float");
    }

    public boolean asBoolean() {
        if (this instanceof BoolValue b) return b.value;
        throw expected("bool");
    }

    public String asString() {
        if (this instanceof StrValue s) return s.str();
        throw expected("string");
    }

    public byte[] asBytes() {
        if (this instanceof BytesValue b) return b.toArray();
        throw expected("bytes");
    }

    /** The elements of a list or tuple. */
    public List<Value> asList() {
        if (this instanceof ListValue l) return l.asJavaList();
        if (this instanceof TupleValue t) return List.of(t.items());
        throw expected("list");
    }

    public Map<String, Value> asMap() {
        if (this instanceof DictValue d) return d.asJavaMap();
        throw expected("dict");
    }

    public boolean isNone() {
        return this == OptionValue.NONE;
    }

    public boolean isUnit() {
        return this == UnitValue.UNIT;
    }
}
