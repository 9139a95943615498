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

    @Override
    public String typeName() {
        return "float";
    }
}
