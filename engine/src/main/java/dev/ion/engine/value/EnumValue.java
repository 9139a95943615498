package dev.ion.engine.value;

import dev.ion.engine.Value;

/** A variant of a host-registered enum, with optional positional payload. */
public final class EnumValue extends Value {
    private final String enumName;
    private final String variant;
    private final Value[] payload;

    public EnumValue(String enumName, String variant, Value[] payload) {
        this.enumName = enumName;
        this.variant = variant;
        this.payload = payload;
    }

    public String enumName() {
        return enumName;
    }

    public String variant() {
        return variant;
    }

    public Value[] payload() {
        return payload;
    }

    @Override
    public String typeName() {
        return "enum";
    }
}
