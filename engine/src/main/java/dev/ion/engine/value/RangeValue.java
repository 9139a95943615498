package dev.ion.engine.value;

import dev.ion.engine.Value;

/** An integer range {@code a..b} or {@code a..=b}. */
public final class RangeValue extends Value {
    public final long start;
    public final long end;
    public final boolean inclusive;

    public RangeValue(long start, long end, boolean inclusive) {
        this.start = start;
        this.end = end;
        this.inclusive = inclusive;
    }

    /** The exclusive upper bound, saturated. */
    public long endExclusive() {
        return inclusive ? (end == Long.MAX_VALUE ? end : end + 1) : end;
    }

    public long length() {
        long e = endExclusive();
        if (e <= start) return 0;
        long n = e - start;
        return n < 0 ? Long.MAX_VALUE : n;
    }

    public boolean contains(long v) {
        return v >= start && (inclusive ? v <= end : v < end);
    }

    @Override
    public String typeName() {
        return "range";
    }
}
