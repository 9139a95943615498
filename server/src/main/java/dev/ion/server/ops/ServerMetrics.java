package dev.ion.server.ops;

import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server's Micrometer meters, on its own Prometheus registry (one per server, so
 * that several servers in one JVM — the tests — do not share counters). Vert.x's own
 * HTTP/WebSocket/Netty meters go to the same registry through vertx-micrometer-metrics.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> runsByStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    /** Streamed-event counters by transport, then event type (two lookups, no key built per event). */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> streamed = new ConcurrentHashMap<>();
    private final Timer duration;
    private final Counter submitted;
    private final Counter fuel;
    private final Counter outputBytes;
    private final Timer loopLag;
    private final AtomicInteger webSockets = new AtomicInteger();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    public ServerMetrics() {
        duration = Timer.builder("ion.run.duration").description("Wall time of finished runs")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
        submitted = Counter.builder("ion.runs.submitted").description("Runs admitted").register(registry);
        fuel = Counter.builder("ion.fuel.spent").description("Fuel spent by finished runs").register(registry);
        outputBytes = Counter.builder("ion.output.bytes").description("Output printed by finished runs")
                .baseUnit("bytes").register(registry);
        loopLag = Timer.builder("ion.event.loop.lag").description("How late a 100 ms timer fires on each event loop")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        Gauge.builder("ion.websocket.connections", webSockets, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        for (RunStatus s : new RunStatus[]{RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED}) {
            runsByStatus.put(s.wire(), Counter.builder("ion.runs").tag("status", s.wire())
                    .description("Finished runs by status").register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Gauges of the run manager: running and queued runs, and how many of each admission
     * allows, so that saturation is {@code active / active_capacity} and
     * {@code queued / queued_capacity} in PromQL.
     */
    public void bind(Supplier<Number> active, Supplier<Number> queued, int activeCapacity, int queuedCapacity) {
        Gauge.builder("ion.runs.active", active).description("Runs executing now").register(registry);
        Gauge.builder("ion.runs.queued", queued).description("Runs waiting for a slot").register(registry);
        Gauge.builder("ion.runs.active.capacity", () -> activeCapacity)
                .description("Runs that may execute at once (maxConcurrentRuns)").register(registry);
        Gauge.builder("ion.runs.queued.capacity", () -> queuedCapacity)
                .description("Runs that may wait for a slot (maxQueuedRuns)").register(registry);
    }

    /**
     * The cluster's meters, registered only in cluster mode: members seen, requests forwarded to
     * the node that runs the run (and how long the round trip took), events relayed from it.
     */
    public void bindCluster(Supplier<Number> members) {
        Gauge.builder("ion.cluster.members", members).description("Members of the cluster this node sees")
                .register(registry);
        forwardLatency = Timer.builder("ion.forward.latency")
                .description("Round trip of a request forwarded to the node that runs the run")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        relayed = Counter.builder("ion.cluster.events.relayed")
                .description("Run events relayed from the node that runs the run to a reader on this node")
                .register(registry);
    }

    private volatile Timer forwardLatency;
    private volatile Counter relayed;
    private final ConcurrentHashMap<String, Counter> forwarded = new ConcurrentHashMap<>();

    /**
     * One request (GET, cancel, input, events, submit) forwarded to another node; {@code nanos}
     * its round trip, or negative for an {@code events} pull, which waits for events on purpose
     * (up to seconds) and would drown the latency of the others.
     */
    public void forwarded(String op, long nanos) {
        forwarded.computeIfAbsent(op, o -> Counter.builder("ion.runs.forwarded").tag("op", o)
                .description("Requests forwarded to the node that runs the run, by operation").register(registry))
                .increment();
        Timer t = forwardLatency;
        if (t != null && nanos >= 0) t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code n} events relayed from another node to a local reader. */
    public void relayed(int n) {
        Counter c = relayed;
        if (c != null && n > 0) c.increment(n);
    }

    public void submitted() {
        submitted.increment();
    }

    public void finished(RunStatus status, RunStats stats, long output) {
        Counter runs = runsByStatus.get(status.wire());
        if (runs == null) {
            runs = runsByStatus.computeIfAbsent(status.wire(), s -> Counter.builder("ion.runs").tag("status", s)
                    .register(registry));
        }
        runs.increment();
        duration.record(stats.durationMs(), TimeUnit.MILLISECONDS);
        fuel.increment(stats.fuel());
        outputBytes.increment(output);
    }

    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("ion.rejected.requests").tag("reason", r)
                .description("Requests refused, by reason").register(registry)).increment();
    }

    /** One run event written to a live reader: {@code transport} is {@code websocket} or {@code sse}. */
    public void streamed(String transport, String type) {
        streamed.computeIfAbsent(transport, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> Counter.builder("ion.events.streamed").tag("transport", transport).tag("type", type)
                        .description("Run events written to live readers, by transport and event type").register(registry))
                .increment();
    }

    public void webSocketOpened() {
        webSockets.incrementAndGet();
    }

    public void webSocketClosed() {
        webSockets.decrementAndGet();
    }

    public void loopLag(long nanos) {
        loopLag.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
        registry.close();
    }
}
