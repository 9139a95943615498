package dev.ion.loadtests.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one load run observed, recorded from any event-loop thread. Latency is measured from
 * each run's <em>intended</em> start (its slot in the open-loop schedule), not from when it
 * was actually sent, so a server that falls behind is charged for the wait it causes (no
 * coordinated omission). Runs whose intended start lies in the warm-up are kept apart.
 */
final class Results {
    /** Microseconds: latencies from 1 µs to one hour at three significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final long measureStart;
    private final long measureEnd;
    private final Map<String, Recorder> measured = new LinkedHashMap<>();
    private final Map<String, Recorder> warm = new LinkedHashMap<>();
    private final Map<String, Histogram> totals = new LinkedHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentMeasured = new LongAdder();
    private final LongAdder okMeasured = new LongAdder();
    private final LongAdder failedMeasured = new LongAdder();
    private final LongAdder okInWindow = new LongAdder();
    private final LongAdder warmupErrors = new LongAdder();
    private final LongAdder completedAll = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong inFlightMeasured = new AtomicLong();
    private final AtomicLong peakInFlight = new AtomicLong();

    Results(List<String> labels, long measureStart, long measureEnd) {
        this.measureStart = measureStart;
        this.measureEnd = measureEnd;
        for (String l : labels) {
            measured.put(l, new Recorder(HIGHEST_MICROS, 3));
            warm.put(l, new Recorder(HIGHEST_MICROS, 3));
            totals.put(l, new Histogram(HIGHEST_MICROS, 3));
        }
    }

    boolean isMeasured(long intended) {
        return intended >= measureStart;
    }

    /** A run is about to be sent; returns the number now in flight. */
    long sent(long intended) {
        sent.increment();
        if (isMeasured(intended)) {
            sentMeasured.increment();
            inFlightMeasured.incrementAndGet();
        }
        long now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        return now;
    }

    /** A run was not sent at all (the generator's own limit): an error without a latency. */
    void notSent(long intended, String kind) {
        if (isMeasured(intended)) {
            sentMeasured.increment();
            failedMeasured.increment();
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        } else {
            warmupErrors.increment();
        }
    }

    /** A run ended at {@code end} (nanoTime); {@code error} is null for a success, else its kind. */
    void done(RunRequest r, long intended, long end, String error) {
        inFlight.decrementAndGet();
        completedAll.increment();
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, (end - intended) / 1000));
        if (!isMeasured(intended)) {
            if (error != null) warmupErrors.increment();
            else warm.get(r.label()).recordValue(micros);
            return;
        }
        inFlightMeasured.decrementAndGet();
        if (error != null) {
            failedMeasured.increment();
            errors.computeIfAbsent(error, k -> new LongAdder()).increment();
            return;
        }
        okMeasured.increment();
        if (end >= measureStart && end < measureEnd) okInWindow.increment();
        measured.get(r.label()).recordValue(micros);
    }

    /**
     * Measured runs the test gave up waiting for: {@code count} sent and not ended, plus
     * {@code unsent} due but never sent; counted as {@code kind} errors.
     */
    void abandon(long count, long unsent, String kind) {
        sentMeasured.add(unsent);
        count += unsent;
        if (count <= 0) return;
        failedMeasured.add(count);
        errors.computeIfAbsent(kind, k -> new LongAdder()).add(count);
    }

    /**
     * Moves what was recorded since the last call into the totals and returns the interval's
     * histogram of {@code label}, warm-up included (for the progress line). Called by one thread.
     */
    synchronized Histogram interval(String label) {
        Histogram shown = new Histogram(HIGHEST_MICROS, 3);
        for (Map.Entry<String, Recorder> e : measured.entrySet()) {
            Histogram h = e.getValue().getIntervalHistogram();
            totals.get(e.getKey()).add(h);
            Histogram w = warm.get(e.getKey()).getIntervalHistogram();
            if (e.getKey().equals(label)) {
                shown.add(h);
                shown.add(w);
            }
        }
        return shown;
    }

    /** The measured latencies of every label, after a final {@link #interval}. */
    synchronized Map<String, Histogram> totals() {
        interval("");
        Map<String, Histogram> copy = new LinkedHashMap<>();
        totals.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    long sent() {
        return sent.sum();
    }

    long sentMeasured() {
        return sentMeasured.sum();
    }

    long okMeasured() {
        return okMeasured.sum();
    }

    long failedMeasured() {
        return failedMeasured.sum();
    }

    long okInWindow() {
        return okInWindow.sum();
    }

    long warmupErrors() {
        return warmupErrors.sum();
    }

    /** Every run that ended, warm-up included, successes and errors alike. */
    long completedAll() {
        return completedAll.sum();
    }

    /** Measured runs sent and not ended yet. */
    long inFlightMeasured() {
        return inFlightMeasured.get();
    }

    long inFlight() {
        return inFlight.get();
    }

    long peakInFlight() {
        return peakInFlight.get();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum() + warmupErrors.sum();
    }
}
