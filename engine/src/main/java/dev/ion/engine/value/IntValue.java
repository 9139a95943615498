package dev.ion.engine.value;

import dev.ion.engine.Value;

/** A 64-bit signed integer; small values are cached. */
public final class IntValue extends Value {
    private static final int CACHE_LOW = -256;
    private static final int CACHE_HIGH = 1024;
    private static final IntValue[] CACHE = new IntValue[CACHE_HIGH - CACHE_LOW + 1];

    static {
        for (int i = 0; i < CACHE.length; i++) CACHE[i] = new IntValue(i + CACHE_LOW);
    }

    public static final IntValue ZERO = of(0);
    public static final IntValue ONE = of(1);

    public final long value;

    private IntValue(long value) {
        this.value = value;
    }

    public static IntValue of(long v) {
        if (v >= CACHE_LOW && v <= CACHE_HIGH) return CACHE[(int) v - CACHE_LOW];
        return new IntValue(v);
    }

    /** Whether {@link #of} returns one shared instance for {@code v} instead of a new object. */
    public static boolean isShared(long v) {
        return v >= CACHE_LOW && v <= CACHE_HIGH;
    }

    @Override
    public String typeName() {
        return "int";
    }

    @Override
    public boolean truthy() {
        return value != 0;
    }
}
