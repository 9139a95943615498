package dev.ion.loadtests.attack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a well-behaved neighbour sees during an attack: over and over, a fresh connection
 * asks {@code /health/live} (must answer 200 within {@code healthBound}) and then the other
 * API key submits a trivial run (must succeed within {@code runBound}). Every miss is kept
 * with what happened, and the latencies are kept for the figures.
 */
final class Probe implements AutoCloseable {
    private final IonApi api;
    private final Duration healthBound;
    private final Duration runBound;
    private final Thread thread;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> runMillis = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;
    private int rounds;

    private Probe(IonApi api, Duration healthBound, Duration runBound) {
        this.api = api;
        this.healthBound = healthBound;
        this.runBound = runBound;
        this.thread = new Thread(this::loop, "probe");
        thread.setDaemon(true);
    }

    static Probe start(IonApi api, Duration healthBound, Duration runBound) {
        Probe p = new Probe(api, healthBound, runBound);
        p.thread.start();
        return p;
    }

    private void loop() {
        while (!stop) {
            long t0 = System.nanoTime();
            try {
                RawHttp.Response r = api.live(healthBound);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                healthMillis.add(ms);
                if (r.status() != 200) failures.add("/health/live answered " + r.status() + ": " + r.body());
                else if (ms > healthBound.toMillis()) failures.add("/health/live took " + ms + " ms");
            } catch (Exception e) {
                failures.add("/health/live: " + e.getMessage() + " (after " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            }
            long t1 = System.nanoTime();
            try {
                RawHttp.Response r = api.submit("1", null, true, runBound);
                runMillis.add((System.nanoTime() - t1) / 1_000_000);
                JsonNode body = r.status() == 200 ? IonApi.json(r) : null;
                if (body == null || !"succeeded".equals(body.path("status").asText())) {
                    failures.add("a trivial run of key '" + api.key() + "' got HTTP " + r.status() + ": " + r.body());
                }
            } catch (Exception e) {
                failures.add("a trivial run of key '" + api.key() + "': " + e.getMessage());
            }
            synchronized (this) {
                rounds++;
                notifyAll();
            }
            // pace the probe so that it observes the attack rather than adds to it
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Waits until the probe has completed {@code n} more rounds from now; false if the timeout passed first. */
    synchronized boolean awaitRounds(int n, Duration timeout) throws InterruptedException {
        long target = rounds + n;
        long end = System.nanoTime() + timeout.toNanos();
        while (rounds < target) {
            long left = end - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops after the current round and returns everything observed. */
    Report stop() throws InterruptedException {
        stop = true;
        thread.join(TimeUnit.NANOSECONDS.toMillis(healthBound.plus(runBound).toNanos()) + 10_000);
        synchronized (this) {
            return new Report(rounds, List.copyOf(failures), List.copyOf(healthMillis), List.copyOf(runMillis));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop) stop();
    }

    record Report(int rounds, List<String> failures, List<Long> healthMillis, List<Long> runMillis) {
        long healthMax() {
            return healthMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        long runPercentile(double p) {
            if (runMillis.isEmpty()) return -1;
            List<Long> sorted = new ArrayList<>(runMillis);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }

        String summary() {
            return rounds + " probe rounds, /health/live max " + healthMax() + " ms, trivial run p50 "
                    + runPercentile(0.5) + " ms p99 " + runPercentile(0.99) + " ms, " + failures.size() + " misses";
        }
    }
}
