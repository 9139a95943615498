package dev.ion.engine.value;

/**
 * Lets deep value algorithms (equality, hashing, ordering, printing) charge the run
 * they work for without a context parameter: the interpreter installs the running
 * task for the length of its turn. Work done outside a run is not metered.
 */
public final class Meter {
    /** What a run exposes to metered algorithms. */
    public interface Sink {
        /** Charges fuel; fails with the fuel, deadline or cancellation error when due. */
        void spend(long units);

        /** Fails with the memory limit if a single value of {@code bytes} could not be held. */
        void checkSize(long bytes);

        /** Records {@code bytes} newly allocated (memory accounting). */
        void allocate(long bytes);
    }

    private static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    private Meter() {
    }

    /** Installs {@code sink} for the current thread; returns the previous one to restore. */
    public static Sink enter(Sink sink) {
        Sink previous = CURRENT.get();
        CURRENT.set(sink);
        return previous;
    }

    public static void restore(Sink previous) {
        CURRENT.set(previous);
    }

    public static void spend(long units) {
        Sink s = CURRENT.get();
        if (s != null) s.spend(units);
    }

    /** Reports a copy made by a value operation: its size in fuel and memory. */
    public static void copied(long elements, long bytes) {
        Sink s = CURRENT.get();
        if (s != null) {
            s.spend(elements / 8);
            s.allocate(bytes);
        }
    }

    public static void checkSize(long bytes) {
        Sink s = CURRENT.get();
        if (s != null) s.checkSize(bytes);
    }
}
