package dev.ion.engine.value;

import dev.ion.engine.Value;

/** {@code Some(v)} or {@code None}. */
public final class OptionValue extends Value {
    public static final OptionValue NONE = new OptionValue(null);

    private final Value value;

    private OptionValue(Value value) {
        this.value = value;
    }

    public static OptionValue some(Value v) {
        return new OptionValue(v);
    }

    public static OptionValue of(Value nullable) {
        return nullable == null ? NONE : some(nullable);
    }

    public boolean isSome() {
        return value != null;
    }

    /** The wrapped value; null for None. */
    public Value value() {
        return value;
    }

    @Override
    public String typeName() {
        return "Option";
    }

    @Override
    public boolean truthy() {
        return value != null;
    }
}
