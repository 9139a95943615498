package dev.ion.engine.value;

import dev.ion.engine.Value;

/** A function implemented in Java: a standard-library built-in or a host function. */
public final class BuiltinFn extends Value {
    private final String name;
    private final NativeFn body;

    public BuiltinFn(String name, NativeFn body) {
        this.name = name;
        this.body = body;
    }

    public String name() {
        return name;
    }

    public NativeFn body() {
        return body;
    }

    @Override
    public String typeName() {
        return "builtin_fn";
    }
}
