package dev.ion.engine.value;

import dev.ion.engine.Value;

/** Internal marker values that never reach Ion code. */
public final class Signal extends Value {
    static final Signal SUSPEND = new Signal("suspend");
    /** Fills a parameter slot that the caller did not supply, so its default is evaluated. */
    public static final Signal MISSING = new Signal("missing");

    private final String name;

    private Signal(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String typeName() {
        return "<" + name + ">";
    }
}
