package dev.ion.engine;

import java.util.Objects;

/**
 * The resource limits of one run (LANGUAGE.md §9). A value of {@link #UNLIMITED}
 * means "no limit". Immutable; build with {@link #builder()}.
 */
public final class Limits {
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long fuel;
    private final long deadlineMs;
    private final int maxCallDepth;
    private final int maxTasks;
    private final long maxMemoryBytes;
    private final long maxOutputBytes;
    private final int maxChannelCapacity;

    private Limits(Builder b) {
        this.fuel = b.fuel;
        this.deadlineMs = b.deadlineMs;
        this.maxCallDepth = b.maxCallDepth;
        this.maxTasks = b.maxTasks;
        this.maxMemoryBytes = b.maxMemoryBytes;
        this.maxOutputBytes = b.maxOutputBytes;
        this.maxChannelCapacity = b.maxChannelCapacity;
    }

    /** What {@code new Engine()} and the CLI use: only structural limits. */
    public static Limits unlimited() {
        return builder().build();
    }

    /** Limits suited to a public server: every limit set to a modest value. */
    public static Limits defaults() {
        return builder().fuel(100_000_000L).deadlineMs(10_000).maxCallDepth(10_000).maxTasks(10_000)
                .maxMemoryBytes(64L << 20).maxOutputBytes(1L << 20).maxChannelCapacity(10_000).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().fuel(fuel).deadlineMs(deadlineMs).maxCallDepth(maxCallDepth).maxTasks(maxTasks)
                .maxMemoryBytes(maxMemoryBytes).maxOutputBytes(maxOutputBytes).maxChannelCapacity(maxChannelCapacity);
    }

    /** These limits, each lowered to the ceiling where it exceeds it. */
    public Limits clampTo(Limits ceilings) {
        return builder()
                .fuel(Math.min(fuel, ceilings.fuel))
                .deadlineMs(Math.min(deadlineMs, ceilings.deadlineMs))
                .maxCallDepth(Math.min(maxCallDepth, ceilings.maxCallDepth))
                .maxTasks(Math.min(maxTasks, ceilings.maxTasks))
                .maxMemoryBytes(Math.min(maxMemoryBytes, ceilings.maxMemoryBytes))
                .maxOutputBytes(Math.min(maxOutputBytes, ceilings.maxOutputBytes))
                .maxChannelCapacity(Math.min(maxChannelCapacity, ceilings.maxChannelCapacity))
                .build();
    }

    /** Sets one limit by its LANGUAGE.md name (e.g. {@code fuel}, {@code max_call_depth}). */
    public Limits with(String name, long value) {
        Builder b = toBuilder();
        switch (name) {
            case "fuel" -> b.fuel(value);
            case "deadline_ms" -> b.deadlineMs(value);
            case "max_call_depth" -> b.maxCallDepth(saturate(value));
            case "max_tasks" -> b.maxTasks(saturate(value));
            case "max_memory_bytes" -> b.maxMemoryBytes(value);
            case "max_output_bytes" -> b.maxOutputBytes(value);
            case "max_channel_capacity" -> b.maxChannelCapacity(saturate(value));
            default -> throw new IllegalArgumentException("unknown limit '" + name
                    + "' (known: fuel, deadline_ms, max_call_depth, max_tasks, max_memory_bytes,"
                    + " max_output_bytes, max_channel_capacity)");
        }
        return b.build();
    }

    private static int saturate(long v) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
    }

    public long fuel() { return fuel; }
    public long deadlineMs() { return deadlineMs; }
    public int maxCallDepth() { return maxCallDepth; }
    public int maxTasks() { return maxTasks; }
    public long maxMemoryBytes() { return maxMemoryBytes; }
    public long maxOutputBytes() { return maxOutputBytes; }
    public int maxChannelCapacity() { return maxChannelCapacity; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && l.fuel == fuel && l.deadlineMs == deadlineMs && l.maxCallDepth == maxCallDepth
                && l.maxTasks == maxTasks && l.maxMemoryBytes == maxMemoryBytes && l.maxOutputBytes == maxOutputBytes
                && l.maxChannelCapacity == maxChannelCapacity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fuel, deadlineMs, maxCallDepth, maxTasks, maxMemoryBytes, maxOutputBytes,
                maxChannelCapacity);
    }

    @Override
    public String toString() {
        return "Limits{fuel=" + fmt(fuel) + ", deadline_ms=" + fmt(deadlineMs) + ", max_call_depth=" + maxCallDepth
                + ", max_tasks=" + maxTasks + ", max_memory_bytes=" + fmt(maxMemoryBytes) + ", max_output_bytes="
                + fmt(maxOutputBytes) + ", max_channel_capacity=" + maxChannelCapacity + "}";
    }

    private static String fmt(long v) {
        return v == UNLIMITED ? "unlimited" : Long.toString(v);
    }

    /** Builder whose unset fields take the engine defaults of LANGUAGE.md §9. */
    public static final class Builder {
        private long fuel = UNLIMITED;
        private long deadlineMs = UNLIMITED;
        private int maxCallDepth = 100_000;
        private int maxTasks = 100_000;
        private long maxMemoryBytes = 1L << 30;
        private long maxOutputBytes = UNLIMITED;
        private int maxChannelCapacity = 1_000_000;

        public Builder fuel(long v) { fuel = positive("fuel", v); return this; }
        public Builder deadlineMs(long v) { deadlineMs = positive("deadline_ms", v); return this; }
        public Builder maxCallDepth(int v) { maxCallDepth = (int) positive("max_call_depth", v); return this; }
        public Builder maxTasks(int v) { maxTasks = (int) positive("max_tasks", v); return this; }
        public Builder maxMemoryBytes(long v) { maxMemoryBytes = positive("max_memory_bytes", v); return this; }
        public Builder maxOutputBytes(long v) { maxOutputBytes = nonNegative("max_output_bytes", v); return this; }
        public Builder maxChannelCapacity(int v) { maxChannelCapacity = (int) positive("max_channel_capacity", v); return this; }

        public Limits build() {
            return new Limits(this);
        }

        private static long positive(String name, long v) {
            if (v <= 0) throw new IllegalArgumentException("limit " + name + " must be positive, got " + v);
            return v;
        }

        private static long nonNegative(String name, long v) {
            if (v < 0) throw new IllegalArgumentException("limit " + name + " must not be negative, got " + v);
            return v;
        }
    }
}
