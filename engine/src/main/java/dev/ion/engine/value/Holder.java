package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.function.Consumer;

/** A value outside the collections (task handles, channel ends) that keeps other values alive. */
public interface Holder {
    void forEachHeld(Consumer<Value> action);
}
