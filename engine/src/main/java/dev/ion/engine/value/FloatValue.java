package dev.ion.engine.value;

import dev.ion.engine.Value;

/** A 64-bit IEEE float. */
public final class FloatValue extends Value {
    public final double value;

    private FloatValue(double value) {
        this.value = value;
    }

    public static FloatValue of(double v) {
        return new FloatValue(v);
    }

    /** Without this overload, {@code FloatValue.of(someLong)} would bind to the inherited {@code Value.of(long)} and return an int. */
    public static FloatValue of(long v) {
        return new FloatValue(v);
    }

    @Override
    public String typeName() {
        return "float";
    }
}
