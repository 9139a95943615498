package dev.ion.protocol;

/** What a run spent: fuel, wall time, peak accounted memory and tasks started. */
public record RunStats(long fuel, long durationMs, long peakMemoryBytes, int tasks) {
}
