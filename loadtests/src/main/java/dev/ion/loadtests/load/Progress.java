package dev.ion.loadtests.load;

import org.HdrHistogram.Histogram;

/**
 * The line printed each second while a load test runs: what was asked and done in that second,
 * the runs in flight, and the second's latency percentiles of the scenario's headline runs.
 */
final class Progress {
    private final Results results;
    private final LoadConfig c;
    private final long start;
    private final long measureStart;
    private final long end;
    private long lastSent;
    private long lastDone;
    private long lastErrors;
    private long lastTick;

    Progress(Results results, LoadConfig c, long start, long measureStart, long end) {
        this.results = results;
        this.c = c;
        this.start = start;
        this.measureStart = measureStart;
        this.end = end;
        this.lastTick = start;
    }

    void tick() {
        long now = System.nanoTime();
        Histogram h = results.interval(c.scenario().headlineLabel());
        if (c.progress() == null) return;
        double secs = Math.max(1e-3, (now - lastTick) / 1e9);
        long sent = results.sent();
        long done = results.completedAll();
        long errors = results.errorCount();
        String phase = now < measureStart ? " (warm-up)" : now >= end ? " (draining)" : "";
        LatencyStats s = LatencyStats.of(h);
        c.progress().printf("[%3ds] asked %,.0f/s  sent %,.0f/s  done %,.0f/s  errors %,d  in flight %,d  %s p50 %s p99 %s max %s ms%s%n",
                Math.round((now - start) / 1e9), c.rate(), (sent - lastSent) / secs, (done - lastDone) / secs,
                errors - lastErrors, results.inFlight(), c.scenario().headlineLabel(), LatencyStats.fmt(s.p50()),
                LatencyStats.fmt(s.p99()), LatencyStats.fmt(s.max()), phase);
        lastSent = sent;
        lastDone = done;
        lastErrors = errors;
        lastTick = now;
    }
}
