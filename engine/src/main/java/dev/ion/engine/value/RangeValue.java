package dev.ion.engine.value;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.math.BigInteger;

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

    public boolean isEmpty() {
        return inclusive ? end < start : end <= start;
    }

    /** The largest element; only meaningful when not empty. */
    private long last() {
        return inclusive ? end : end - 1;
    }

    /** The number of elements minus one, as an unsigned number (the count may exceed a long). */
    private long span() {
        return last() - start;
    }

    /** Whether the number of elements fits in an int (a long); it does not for e.g. {@code 0..=MAX}. */
    public boolean lengthFits() {
        return isEmpty() || (span() >= 0 && span() != Long.MAX_VALUE);
    }

    /** The number of elements, saturated at {@code Long.MAX_VALUE}. */
    public long length() {
        if (isEmpty()) return 0;
        return lengthFits() ? span() + 1 : Long.MAX_VALUE;
    }

    /** The number of elements for {@code len}: an integer overflow error when it exceeds an int. */
    public long count() {
        if (!lengthFits()) throw IonException.runtime("integer overflow");
        return length();
    }

    /** The element at index {@code i} (negative counts from the end). */
    public long at(long i) {
        if (!isEmpty()) {
            if (i >= 0 && Long.compareUnsigned(i, span()) <= 0) return start + i;
            long fromEnd = -(i + 1); // 0 for -1
            if (i < 0 && Long.compareUnsigned(fromEnd, span()) <= 0) return last() - fromEnd;
        }
        String length = isEmpty() ? "0" : new BigInteger(Long.toUnsignedString(span())).add(BigInteger.ONE).toString();
        throw IonException.runtime("index out of bounds: index " + i + " but length is " + length);
    }

    public boolean contains(long v) {
        return v >= start && (inclusive ? v <= end : v < end);
    }

    @Override
    public String typeName() {
        return "range";
    }
}
