package dev.ion.engine.value;

import dev.ion.engine.Value;

/** The unit value {@code ()}: the value of statements and empty blocks. */
public final class UnitValue extends Value {
    public static final UnitValue UNIT = new UnitValue();

    private UnitValue() {
    }

    @Override
    public String typeName() {
        return "()";
    }

    @Override
    public boolean truthy() {
        return false;
    }
}
