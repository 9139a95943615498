package dev.ion.loadtests.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One open-loop load test: arrival {@code i} is due at {@code start + i / rate}, whatever
 * happened to earlier ones. A pacing thread hands due arrivals in batches to the event loops,
 * which send them; a run's latency runs from its due time to its answer. The arrivals are
 * spread over {@code eventLoops} transports, each with its share of the connections.
 */
final class OpenLoopRun {
    private final LoadConfig c;
    private final Vertx vertx;
    private final Context[] contexts;
    private final Transport[] transports;
    private Results results;
    private Map<String, Histogram> lastHistograms;
    /** Arrivals handed to an event loop that it has not sent yet. */
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean stopped;
    private double serverCpuAtStart = -1;
    private double serverCpuAtEnd = -1;
    private double clientCpuAtStart;
    private double clientCpuAtEnd;

    private OpenLoopRun(LoadConfig c) {
        this.c = c;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(c.eventLoops()));
        this.contexts = new Context[c.eventLoops()];
        this.transports = new Transport[c.eventLoops()];
    }

    /** Runs the test described by {@code c}: its summary and the measured histograms (for {@code --hdr}). */
    static Outcome run(LoadConfig c) throws Exception {
        OpenLoopRun r = new OpenLoopRun(c);
        try {
            r.open();
            Summary s = r.drive();
            return new Outcome(s, r.lastHistograms);
        } finally {
            r.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void open() throws Exception {
        int loops = contexts.length;
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (int k = 0; k < loops; k++) {
            Context ctx = vertx.getOrCreateContext();
            contexts[k] = ctx;
            int conns = Math.max(1, c.connections() / loops + (k < c.connections() % loops ? 1 : 0));
            int slot = k;
            opened.add(onContext(ctx, () -> {
                transports[slot] = "ws".equals(c.transport()) ? new WsTransport(vertx, c.target(), conns)
                        : new HttpTransport(vertx, c.target(), conns);
                return transports[slot].open();
            }));
        }
        for (CompletableFuture<Void> f : opened) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new LoadTestException("cannot connect to " + c.target().url() + ": " + e.getCause());
            }
        }
    }

    private static <T> CompletableFuture<T> onContext(Context ctx, Supplier<Future<T>> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        ctx.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) f.complete(ar.result());
            else f.completeExceptionally(ar.cause());
        }));
        return f;
    }

    private Summary drive() throws Exception {
        long warmupNanos = c.warmup().toNanos();
        long durationNanos = c.duration().toNanos();
        long start = System.nanoTime() + 20_000_000L;
        long measureStart = start + warmupNanos;
        long end = measureStart + durationNanos;
        List<String> labels = c.scenario() == Scenario.MIXED ? List.of(Scenario.TRIVIAL_LABEL, Scenario.CPU_LABEL)
                : List.of(c.scenario().headlineLabel());
        results = new Results(labels, measureStart, end);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-progress");
            t.setDaemon(true);
            return t;
        });
        Progress progress = new Progress(results, c, start, measureStart, end);
        ticker.scheduleAtFixedRate(progress::tick, start + 1_000_000_000L - System.nanoTime(), 1_000_000_000L,
                TimeUnit.NANOSECONDS);
        try {
            pace(start, measureStart, end);
            long deadline = System.nanoTime() + c.drainTimeout().toNanos();
            while ((queued.get() > 0 || results.inFlight() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            stopped = true;
            results.abandon(results.inFlightMeasured(), queued.get(), "timeout");
        } finally {
            ticker.shutdownNow();
        }
        double clientCpu = clientCpuAtEnd - clientCpuAtStart;
        Map<String, Histogram> totals = results.totals();
        Map<String, LatencyStats> latency = new java.util.LinkedHashMap<>();
        totals.forEach((k, h) -> latency.put(k, LatencyStats.of(h)));
        Double serverCpu = serverCpuAtStart >= 0 && serverCpuAtEnd >= 0 ? serverCpuAtEnd - serverCpuAtStart : null;
        Summary s = new Summary(c.scenario().cliName(), c.transport(), c.target().url(), c.rate(),
                durationNanos / 1e9, warmupNanos / 1e9, c.connections(), results.sentMeasured(), results.okMeasured(),
                results.failedMeasured(), results.okInWindow() / (durationNanos / 1e9), latency, results.errors(),
                results.warmupErrors(), results.peakInFlight(), clientCpu, serverCpu, ProcessStats.loadAverage(), null);
        lastHistograms = totals;
        return s;
    }

    /** Runs the schedule from {@code start} to {@code end} on this thread. */
    private void pace(long start, long measureStart, long end) {
        int loops = contexts.length;
        double period = 1e9 / c.rate();
        long total = (long) Math.ceil((end - start) / period);
        long i = 0;
        boolean measuring = false;
        while (i < total) {
            long now = System.nanoTime();
            if (!measuring && now >= measureStart) {
                serverCpuAtStart = ProcessStats.cpuSeconds(c.serverPid());
                clientCpuAtStart = ProcessStats.ownCpuSeconds();
                measuring = true;
            }
            long due = Math.min(total, (long) Math.floor((now - start) / period) + 1);
            if (due > i) {
                long[][] batches = new long[loops][];
                int[] sizes = new int[loops];
                int per = (int) ((due - i) / loops + 1);
                for (int k = 0; k < loops; k++) batches[k] = new long[per];
                for (long j = i; j < due; j++) {
                    int k = (int) (j % loops);
                    batches[k][sizes[k]++] = j;
                }
                for (int k = 0; k < loops; k++) {
                    if (sizes[k] == 0) continue;
                    long[] batch = batches[k];
                    int n = sizes[k];
                    Transport t = transports[k];
                    queued.addAndGet(n);
                    contexts[k].runOnContext(v -> {
                        for (int m = 0; m < n; m++) dispatch(t, batch[m], start + (long) (batch[m] * period));
                    });
                }
                i = due;
            }
            long next = start + (long) (i * period);
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        long left = end - System.nanoTime();
        if (left > 0) LockSupport.parkNanos(left);
        serverCpuAtEnd = ProcessStats.cpuSeconds(c.serverPid());
        clientCpuAtEnd = ProcessStats.ownCpuSeconds();
        if (!measuring) {
            serverCpuAtStart = serverCpuAtEnd;
            clientCpuAtStart = clientCpuAtEnd;
        }
    }

    private void dispatch(Transport t, long i, long intended) {
        queued.decrementAndGet();
        if (stopped) return;
        RunRequest r = c.scenario().request(i, c.cpuShare());
        if (results.inFlight() >= c.maxInFlight()) {
            results.notSent(intended, "client_backlog");
            return;
        }
        results.sent(intended);
        t.send(r, error -> {
            if (!stopped) results.done(r, intended, System.nanoTime(), error);
        });
    }

    /** A summary with the histograms it was computed from. */
    record Outcome(Summary summary, Map<String, Histogram> histograms) {
    }
}
