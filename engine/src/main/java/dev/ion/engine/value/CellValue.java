package dev.ion.engine.value;

import dev.ion.engine.Value;

/** The one mutable box of the language; compared by identity. */
public final class CellValue extends Value {
    private Value value;

    public CellValue(Value value) {
        this.value = value;
    }

    public Value get() {
        return value;
    }

    public void set(Value v) {
        value = v;
    }

    @Override
    public String typeName() {
        return "cell";
    }
}
