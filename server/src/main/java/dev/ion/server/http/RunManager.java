package dev.ion.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission and bookkeeping for every run of the server, shared by all verticles: the
 * server-wide slots and bounded queue (503 beyond), per-key concurrency and runs-per-minute
 * quotas (429), run ids, lookup, and the bounded, time-limited store of finished runs.
 * Admission state is guarded by this object's monitor; each run itself lives on its
 * verticle's context.
 */
public final class RunManager {
    private static final char[] ID_CHARS = "0123456789abcdefghijkmnpqrstuvwxyz".toCharArray();

    private final ServerConfig config;
    private final Codec codec;
    private final ServerMetrics metrics;
    private final JsonLog log;
    private final Limits defaults;
    private final Limits ceilings;
    private final SecureRandom random = new SecureRandom();

    private final Map<String, RunSession> runs = new ConcurrentHashMap<>();
    private final ArrayDeque<RunSession> queue = new ArrayDeque<>();
    private final ArrayDeque<RunSession> retained = new ArrayDeque<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private int active;
    private volatile boolean draining;

    public RunManager(ServerConfig config, Codec codec, ServerMetrics metrics, JsonLog log) {
        this.config = config;
        this.codec = codec;
        this.metrics = metrics;
        this.log = log;
        this.defaults = config.defaultLimits();
        this.ceilings = config.ceilingLimits();
    }

    public Codec codec() {
        return codec;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public JsonLog log() {
        return log;
    }

    public ServerConfig config() {
        return config;
    }

    public Limits ceilings() {
        return ceilings;
    }

    public boolean draining() {
        return draining;
    }

    public synchronized int activeRuns() {
        return active;
    }

    public synchronized int queuedRuns() {
        return queue.size();
    }

    // ---- validation -----------------------------------------------------------------------

    /** The effective limits: server defaults, then the request's values, clamped to the key's ceilings. */
    public Limits effectiveLimits(Map<String, Long> requested, Principal principal) {
        Limits l = defaults;
        if (requested != null) {
            for (Map.Entry<String, Long> e : requested.entrySet()) {
                if (e.getValue() == null) throw new ApiError(ErrorCode.BAD_REQUEST, "limit '" + e.getKey() + "' is null");
                try {
                    l = l.with(e.getKey(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new ApiError(ErrorCode.BAD_REQUEST, ex.getMessage());
                }
            }
        }
        return l.clampTo(principal.ceilings());
    }

    public void checkSource(String source) {
        if (source.length() > config.maxSourceBytes
                || source.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > config.maxSourceBytes) {
            throw new ApiError(ErrorCode.SOURCE_TOO_LARGE, "source is longer than " + config.maxSourceBytes + " bytes");
        }
    }

    public Value toValue(JsonNode json) {
        try {
            return Value.fromJson(json.toString());
        } catch (IonException | IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "input value not usable: " + e.getMessage());
        }
    }

    public List<Value> toValues(List<JsonNode> input) {
        if (input == null) return null;
        List<Value> values = new ArrayList<>(input.size());
        for (JsonNode n : input) values.add(toValue(n));
        return values;
    }

    public static Map<String, Long> limitsMap(Limits l) {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, "fuel", l.fuel());
        put(m, "deadline_ms", l.deadlineMs());
        put(m, "max_call_depth", l.maxCallDepth());
        put(m, "max_tasks", l.maxTasks());
        put(m, "max_memory_bytes", l.maxMemoryBytes());
        put(m, "max_output_bytes", l.maxOutputBytes());
        put(m, "max_channel_capacity", l.maxChannelCapacity());
        return m;
    }

    private static void put(Map<String, Long> m, String name, long v) {
        if (v != Limits.UNLIMITED) m.put(name, v);
    }

    // ---- admission ------------------------------------------------------------------------

    /**
     * Admits and starts (or queues) a run; must be called on {@code loop}'s context. Throws
     * {@link ApiError} with 429/503 details when it cannot be admitted.
     */
    public RunSession submit(Principal principal, String source, Limits limits, List<Value> input, String ref,
                             VertxEventLoop loop, Subscriber first) {
        RunSession session;
        boolean startNow;
        synchronized (this) {
            if (draining) {
                metrics.rejected("shutting_down");
                throw new ApiError(ErrorCode.SHUTTING_DOWN, "the server is shutting down and accepts no new runs",
                        Map.of("Retry-After", "5"));
            }
            long now = System.nanoTime();
            int mine = inFlight.getOrDefault(principal.name(), 0);
            if (principal.maxConcurrentRuns() > 0 && mine >= principal.maxConcurrentRuns()) {
                metrics.rejected("concurrency_quota");
                Map<String, String> h = new LinkedHashMap<>(rateHeaders(principal, now));
                h.put("Retry-After", "1");
                throw new ApiError(ErrorCode.RATE_LIMITED, "API key '" + principal.name() + "' already has "
                        + mine + " runs in flight (quota " + principal.maxConcurrentRuns() + ")", h);
            }
            TokenBucket bucket = bucket(principal, now);
            if (bucket != null && !bucket.tryTake(now)) {
                metrics.rejected("rate_quota");
                Map<String, String> h = new LinkedHashMap<>(rateHeaders(principal, now));
                h.put("Retry-After", Long.toString(bucket.secondsUntilToken(now)));
                throw new ApiError(ErrorCode.RATE_LIMITED, "API key '" + principal.name() + "' may start "
                        + principal.runsPerMinute() + " runs per minute", h);
            }
            startNow = active < config.maxConcurrentRuns;
            if (!startNow && queue.size() >= config.maxQueuedRuns) {
                if (bucket != null) bucket.giveBack();
                metrics.rejected("overloaded");
                throw new ApiError(ErrorCode.OVERLOADED, "the server is running " + active + " runs and has "
                        + queue.size() + " queued; try again shortly", Map.of("Retry-After", "1"));
            }
            String id = newId();
            session = new RunSession(id, ref, principal, source, limits, input, loop, this, config);
            runs.put(id, session);
            inFlight.merge(principal.name(), 1, Integer::sum);
            if (startNow) {
                active++;
                session.markActive();
            } else {
                queue.addLast(session);
            }
        }
        metrics.submitted();
        session.accepted(first, startNow);
        return session;
    }

    /** RateLimit-* headers for a key with a runs-per-minute quota (empty otherwise). */
    public synchronized Map<String, String> rateHeaders(Principal principal, long now) {
        TokenBucket b = bucket(principal, now);
        if (b == null) return Map.of();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("RateLimit-Limit", Integer.toString(b.limit()));
        h.put("RateLimit-Remaining", Integer.toString(b.remaining(now)));
        h.put("RateLimit-Reset", Long.toString(b.remaining(now) > 0 ? b.secondsUntilFull(now) : b.secondsUntilToken(now)));
        return h;
    }

    private TokenBucket bucket(Principal p, long now) {
        if (p.runsPerMinute() <= 0) return null;
        return buckets.computeIfAbsent(p.name(), k -> new TokenBucket(p.runsPerMinute(), now));
    }

    private String newId() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) c[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        return "run_" + new String(c);
    }

    /** Looks a run up for {@code principal} (another key's runs are invisible: null). */
    public RunSession get(String id, Principal principal) {
        RunSession s = runs.get(id);
        return s != null && s.principal().name().equals(principal.name()) ? s : null;
    }

    synchronized void dequeue(RunSession s) {
        queue.remove(s);
    }

    /** Called by a session (on its context) when it finishes: frees its slot and starts the next queued run. */
    void finished(RunSession s, RunStatus status, RunStats stats, long outputBytes, RunError error) {
        RunSession next;
        synchronized (this) {
            if (s.isActive()) active--;
            else queue.remove(s);
            inFlight.computeIfPresent(s.principal().name(), (k, n) -> n <= 1 ? null : n - 1);
            retained.addLast(s);
            while (retained.size() > config.retainRuns) runs.remove(retained.removeFirst().id());
            next = active < config.maxConcurrentRuns ? queue.pollFirst() : null;
            if (next != null) {
                active++;
                next.markActive();
            }
            notifyAll();
        }
        metrics.finished(status, stats, outputBytes);
        log.info("run finished", "run", s.id(), "key", s.principal().name(), "status", status.wire(),
                "durationMs", stats.durationMs(), "fuel", stats.fuel(), "tasks", stats.tasks(),
                "outputBytes", outputBytes, "error", error == null ? null : error.kind() + ": " + error.message());
        if (next != null) {
            RunSession n = next;
            n.context().runOnContext(v -> n.begin());
        }
    }

    /** Drops finished runs older than the retention time (called periodically). */
    public synchronized void expire() {
        long cutoff = System.currentTimeMillis() - config.retainForDuration().toMillis();
        Iterator<RunSession> it = retained.iterator();
        while (it.hasNext()) {
            RunSession s = it.next();
            if (s.finishedAtMillis() >= cutoff) break;
            it.remove();
            runs.remove(s.id());
        }
    }

    /** The first step of {@link #drain}, on its own: new runs are refused from now on. */
    public synchronized void refuseNewRuns() {
        draining = true;
    }

    /**
     * Graceful shutdown, blocking the calling thread (never an event loop): new runs are
     * refused at once; running and queued runs get {@code timeout} to finish, then the rest
     * are cancelled. Returns how many runs had to be cancelled.
     */
    public int drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            refuseNewRuns();
            while (active + queue.size() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                wait(Math.max(1, left / 1_000_000));
            }
        }
        List<RunSession> rest = new ArrayList<>();
        for (RunSession s : runs.values()) rest.add(s);
        int cancelled = 0;
        for (RunSession s : rest) {
            s.context().runOnContext(v -> s.cancel());
        }
        synchronized (this) {
            cancelled = active + queue.size();
            long end = System.nanoTime() + 5_000_000_000L;
            while (active + queue.size() > 0 && System.nanoTime() < end) wait(50);
        }
        return cancelled;
    }
}
