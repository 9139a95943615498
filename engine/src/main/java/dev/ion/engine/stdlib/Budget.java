package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Meter;

/**
 * Fuel and memory accounting for built-ins (LANGUAGE.md §9): estimates what a result costs
 * and refuses absurd sizes before anything is allocated.
 */
public final class Budget {
    private Budget() {
    }

    /** A long built-in checks the run's limits after each this-many-plus-one elements (a power of two less one). */
    static final int CHUNK_MASK = (1 << 14) - 1;

    /**
     * Charges {@code units} of work a long built-in has done so far and checks the run's fuel, deadline and
     * cancellation, so no built-in runs long between two checks.
     */
    static void progress(long units) {
        Meter.spend(units);
    }

    /** Largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    public static long strCost(long chars) {
        return 16 + 2 * chars;
    }

    public static long listCost(long elements) {
        return 16 + 8 * elements;
    }

    public static long bytesCost(long bytes) {
        return 16 + bytes;
    }

    public static void charge(CallContext cx, long units) {
        if (units > 0) cx.charge(units);
    }

    /** Charges a read-only scan of {@code n} chars/bytes/elements: one unit per 16, at least one. */
    public static void scan(CallContext cx, long n) {
        cx.charge(1 + n / 16);
    }

    /** Fails with the memory limit error when {@code bytes} alone exceeds max_memory_bytes. */
    public static void refuse(CallContext cx, long bytes) {
        long max = cx.limits().maxMemoryBytes();
        if (bytes < 0 || bytes > max) throw IonException.limit("max_memory_bytes", max);
    }

    /** Checks, then reports, an allocation of {@code bytes}. */
    public static void allocate(CallContext cx, long bytes) {
        refuse(cx, bytes);
        cx.allocate(bytes);
    }

    /**
     * Reserves room for a result of {@code count} units (chars, elements or bytes) whose memory
     * estimate is {@code bytes}: checks the limit, the JVM array bound, then reports it.
     */
    public static void reserve(CallContext cx, String fn, double count, double bytes) {
        check(cx, fn, count, bytes);
        cx.allocate((long) bytes);
    }

    /** Refuses a result of {@code count} units and {@code bytes} estimated bytes, without reporting it. */
    public static void check(CallContext cx, String fn, double count, double bytes) {
        if (bytes > cx.limits().maxMemoryBytes()) throw IonException.limit("max_memory_bytes", cx.limits().maxMemoryBytes());
        if (count > MAX_ARRAY) throw IonException.runtime(fn + "() result is too large");
    }

    public static void reserveStr(CallContext cx, String fn, double chars) {
        reserve(cx, fn, chars, 16 + 2 * chars);
    }

    public static void reserveList(CallContext cx, String fn, double elements) {
        reserve(cx, fn, elements, 16 + 8 * elements);
    }

    public static void reserveBytes(CallContext cx, String fn, double bytes) {
        reserve(cx, fn, bytes, 16 + bytes);
    }

    /** ceil(n * log2 n): the fuel of a sort of n items. */
    public static long sortCost(int n) {
        if (n < 2) return n;
        return (long) n * (64 - Long.numberOfLeadingZeros(n - 1));
    }
}
