package dev.ion.engine.value;

import dev.ion.engine.Value;

/** A fixed-size heterogeneous tuple. The array is never modified after construction. */
public final class TupleValue extends Value {
    private final Value[] items;

    private TupleValue(Value[] items) {
        this.items = items;
    }

    /** Wraps the array without copying: the caller hands over ownership. */
    public static TupleValue of(Value... items) {
        return new TupleValue(items);
    }

    public int size() {
        return items.length;
    }

    public Value get(int i) {
        return items[i];
    }

    /** The backing array; callers must not modify it. */
    public Value[] items() {
        return items;
    }

    @Override
    public String typeName() {
        return "tuple";
    }
}
