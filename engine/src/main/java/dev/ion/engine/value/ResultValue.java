package dev.ion.engine.value;

import dev.ion.engine.Value;

/** {@code Ok(v)} or {@code Err(e)}. */
public final class ResultValue extends Value {
    private final boolean ok;
    private final Value value;

    private ResultValue(boolean ok, Value value) {
        this.ok = ok;
        this.value = value;
    }

    public static ResultValue ok(Value v) {
        return new ResultValue(true, v);
    }

    public static ResultValue err(Value v) {
        return new ResultValue(false, v);
    }

    public boolean isOk() {
        return ok;
    }

    public Value value() {
        return value;
    }

    @Override
    public String typeName() {
        return "Result";
    }
}
