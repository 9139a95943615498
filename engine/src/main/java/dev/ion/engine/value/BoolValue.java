package dev.ion.engine.value;

import dev.ion.engine.Value;

/** {@code true} or {@code false}. */
public final class BoolValue extends Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    public final boolean value;

    private BoolValue(boolean value) {
        this.value = value;
    }

    public static BoolValue of(boolean v) {
        return v ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
        return "bool";
    }

    @Override
    public boolean truthy() {
        return value;
    }
}
