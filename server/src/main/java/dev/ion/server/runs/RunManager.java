package dev.ion.server.runs;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import dev.ion.server.ops.JsonLog;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.ServerMetrics;
import dev.ion.server.ops.Services;
import dev.ion.server.wire.ApiError;
import dev.ion.server.wire.WireLimits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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

    private final Services services;
    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final JsonLog log;
    private final Limits defaults;
    private final Limits ceilings;
    private final ScriptCache scripts = new ScriptCache();
    /** The bytes of run ids (used under the monitor). */
    private final RandomBytes random = new RandomBytes();

    private final Map<String, RunSession> runs = new ConcurrentHashMap<>();
    private final ArrayDeque<RunSession> queue = new ArrayDeque<>();
    private final ArrayDeque<RunSession> retained = new ArrayDeque<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> keyActive = new HashMap<>();
    private final Map<String, Integer> keyQueued = new HashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final List<RunObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String idPrefix = "run_";
    private volatile ClusterAdmission admission;
    private long nextNumber;
    private int active;
    private volatile boolean draining;
    /** Test-only fault injection: called with the name of each step of a run's start and end. */
    volatile java.util.function.Consumer<String> faults;

    public RunManager(Services services) {
        this.services = services;
        this.config = services.config();
        this.metrics = services.metrics();
        this.log = services.log();
        this.defaults = config.defaultLimits();
        this.ceilings = config.ceilingLimits();
    }

    /** Compiled scripts by source, shared by every run of the server. */
    ScriptCache scripts() {
        return scripts;
    }

    public Limits ceilings() {
        return ceilings;
    }

    public void addObserver(RunObserver o) {
        observers.add(o);
    }

    public void removeObserver(RunObserver o) {
        observers.remove(o);
    }

    /** Throws whatever the test's fault hook throws at {@code step} (nothing outside tests). */
    void fault(String step) {
        java.util.function.Consumer<String> f = faults;
        if (f != null) f.accept(step);
    }

    void runStarted(RunSession s) {
        tellObservers(s, o -> o.started(s));
    }

    void runParked(RunSession s) {
        tellObservers(s, o -> o.parked(s));
    }

    void runReleased(RunSession s) {
        tellObservers(s, o -> o.released(s));
    }

    private void tellObservers(RunSession s, java.util.function.Consumer<RunObserver> event) {
        for (RunObserver o : observers) {
            try {
                event.accept(o);
            } catch (Throwable t) {
                safeWarn("a run observer failed", s, t);
            }
        }
    }

    /** Logs a failure of the run's bookkeeping; a failing log is ignored (nothing is left to tell). */
    void safeWarn(String what, RunSession s, Throwable t) {
        try {
            log.warn(what, "run", s.id(), "error", String.valueOf(t));
        } catch (Throwable ignored) {
            // nothing left to tell
        }
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

    /** A run's limits and, for each requested limit lowered to the key's ceiling, what was asked and allowed. */
    public record Effective(Limits limits, Map<String, Map<String, Long>> clamped) {
    }

    /**
     * The effective limits: server defaults, then the request's values, clamped to the key's
     * ceilings; every clamped request is reported so that it is never cut silently.
     */
    public Effective effective(Map<String, Long> requested, Principal principal) {
        Limits limits = effectiveLimits(requested, principal);
        Map<String, Map<String, Long>> clamped = null;
        if (requested != null) {
            Map<String, Long> allowed = WireLimits.of(limits);
            for (Map.Entry<String, Long> e : requested.entrySet()) {
                Long got = allowed.get(e.getKey());
                if (got != null && got < e.getValue()) {
                    if (clamped == null) clamped = new LinkedHashMap<>();
                    Map<String, Long> c = new LinkedHashMap<>();
                    c.put("requested", e.getValue());
                    c.put("allowed", got);
                    clamped.put(e.getKey(), c);
                }
            }
        }
        return new Effective(limits, clamped);
    }

    /** The effective limits: server defaults, then the request's values, clamped to the key's ceilings. */
    private Limits effectiveLimits(Map<String, Long> requested, Principal principal) {
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

    // ---- admission ------------------------------------------------------------------------

    /**
     * Admits and starts (or queues) a run; must be called on {@code loop}'s context. Throws
     * {@link ApiError} with 429/503 details when it cannot be admitted.
     */
    public RunSession submit(Principal principal, String source, Effective limits, List<Value> input, String ref,
                             VertxEventLoop loop, EventSink first) {
        ClusterAdmission cluster = admission;
        try {
            return admit(principal, source, limits, input, ref, loop, first, cluster != null);
        } catch (RuntimeException e) {
            if (cluster != null) cluster.refuse(principal);
            throw e;
        }
    }

    private RunSession admit(Principal principal, String source, Effective limits, List<Value> input, String ref,
                             VertxEventLoop loop, EventSink first, boolean quotasCounted) {
        RunSession session;
        boolean startNow;
        synchronized (this) {
            if (draining) {
                metrics.rejected("shutting_down");
                throw new ApiError(ErrorCode.SHUTTING_DOWN, "the server is shutting down and accepts no new runs",
                        Map.of("Retry-After", "5"));
            }
            long now = System.nanoTime();
            String key = principal.name();
            int mine = inFlight.getOrDefault(key, 0);
            if (!quotasCounted && principal.maxConcurrentRuns() > 0 && mine >= principal.maxConcurrentRuns()) {
                metrics.rejected("concurrency_quota");
                Map<String, String> h = new LinkedHashMap<>(quotaHeaders(principal, now));
                h.put("Retry-After", "1");
                throw new ApiError(ErrorCode.RATE_LIMITED, "API key '" + key + "' already has "
                        + mine + " runs in flight (quota " + principal.maxConcurrentRuns() + ")", h);
            }
            TokenBucket bucket = quotasCounted ? null : bucket(principal, now);
            if (bucket != null && !bucket.tryTake(now)) {
                metrics.rejected("rate_quota");
                Map<String, String> h = new LinkedHashMap<>(quotaHeaders(principal, now));
                h.put("Retry-After", Long.toString(bucket.secondsUntilToken(now)));
                throw new ApiError(ErrorCode.RATE_LIMITED, "API key '" + key + "' may start "
                        + principal.runsPerMinute() + " runs per minute", h);
            }
            startNow = active < config.maxConcurrentRuns && mayStart(key);
            if (!startNow && keyQueued.getOrDefault(key, 0) >= keyQueueShare()) {
                if (bucket != null) bucket.giveBack();
                metrics.rejected("key_share");
                Map<String, String> h = new LinkedHashMap<>(quotaHeaders(principal, now));
                h.put("Retry-After", "1");
                throw new ApiError(ErrorCode.RATE_LIMITED, "API key '" + key + "' already holds its share of the"
                        + " server: " + keyActive.getOrDefault(key, 0) + " runs running and "
                        + keyQueued.getOrDefault(key, 0) + " queued (maxKeyShare " + config.maxKeyShare + ")", h);
            }
            if (!startNow && queue.size() >= config.maxQueuedRuns) {
                if (bucket != null) bucket.giveBack();
                metrics.rejected("overloaded");
                throw new ApiError(ErrorCode.OVERLOADED, "the server is running " + active + " runs and has "
                        + queue.size() + " queued; try again shortly", Map.of("Retry-After", "1"));
            }
            String id = newId();
            session = new RunSession(id, ++nextNumber, ref, principal, source, limits, input, loop, this, services);
            runs.put(id, session);
            inFlight.merge(key, 1, Integer::sum);
            if (startNow) {
                occupy(session);
            } else {
                queue.addLast(session);
                keyQueued.merge(key, 1, Integer::sum);
            }
        }
        metrics.submitted();
        session.accepted(first, startNow);
        return session;
    }

    /** True when per-key fair shares apply: only with two or more API keys can keys crowd each other out. */
    private boolean sharesApply() {
        return config.apiKeys.size() >= 2 && config.maxKeyShare < 1.0;
    }

    /** Slots one key may hold at once. */
    private int keySlotShare() {
        if (!sharesApply()) return Integer.MAX_VALUE;
        return Math.max(1, (int) Math.floor(config.maxKeyShare * config.maxConcurrentRuns));
    }

    /** Queue places one key may hold at once. */
    private int keyQueueShare() {
        if (!sharesApply()) return Integer.MAX_VALUE;
        return config.maxQueuedRuns == 0 ? 0 : Math.max(1, (int) Math.floor(config.maxKeyShare * config.maxQueuedRuns));
    }

    private boolean mayStart(String key) {
        return keyActive.getOrDefault(key, 0) < keySlotShare();
    }

    /** Gives {@code s} a slot (under the monitor). */
    private void occupy(RunSession s) {
        active++;
        keyActive.merge(s.principal().name(), 1, Integer::sum);
        s.markActive();
    }

    /** RateLimit-* headers for a key with a runs-per-minute quota (empty otherwise). */
    public Map<String, String> rateHeaders(Principal principal, long now) {
        // no quota, or quotas counted cluster-wide: no headers, and no lock taken
        if (admission != null || principal.runsPerMinute() <= 0) return Map.of();
        synchronized (this) {
            return quotaHeaders(principal, now);
        }
    }

    private Map<String, String> quotaHeaders(Principal principal, long now) {
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

    /**
     * The id prefix ({@code run_}, and the node tag in cluster mode) and 16 characters of
     * {@link #ID_CHARS}, each from one random byte below
     * the largest multiple of the alphabet's size (unbiased), from {@link RandomBytes}
     * (under the monitor).
     */
    private String newId() {
        char[] c = new char[16];
        int bound = 256 - 256 % ID_CHARS.length;
        for (int i = 0; i < c.length; ) {
            int b = random.next();
            if (b < bound) c[i++] = ID_CHARS[b % ID_CHARS.length];
        }
        return idPrefix.concat(new String(c));
    }

    /** Cluster mode: per-key quotas are counted cluster-wide by {@code a} instead of here. */
    public void clusterAdmission(ClusterAdmission a) {
        admission = a;
    }

    /**
     * The cluster's part of admission, to complete before {@link #submit}: takes the key's
     * cluster-wide slot and token (succeeds at once on a single node).
     */
    public io.vertx.core.Future<Void> admitAcrossCluster(Principal principal) {
        ClusterAdmission a = admission;
        return a == null ? io.vertx.core.Future.succeededFuture() : a.acquire(principal);
    }

    /** Gives back what {@link #admitAcrossCluster} took for a run that will not be submitted after all. */
    public void giveBackAcrossCluster(Principal principal) {
        ClusterAdmission a = admission;
        if (a != null) a.refuse(principal);
    }

    /** In cluster mode every id this node gives starts with {@code run_} and its node tag, so any node finds it. */
    public void idPrefix(String prefix) {
        idPrefix = prefix;
    }

    /** Looks a run up for {@code principal} (another key's runs are invisible: null). */
    public RunSession get(String id, Principal principal) {
        return getForKey(id, principal.name());
    }

    /** Looks a run up for the key named {@code principalName} (another key's runs are invisible: null). */
    public RunSession getForKey(String id, String principalName) {
        RunSession s = runs.get(id);
        return s != null && s.principal().name().equals(principalName) ? s : null;
    }

    /** One entry of {@code GET /v1/runs} ({@code finished} absent while the run has not ended). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Listed(String id, String status, String created, String finished) {
    }

    /** One page of {@code GET /v1/runs}: newest first; {@code next} is the cursor of the following page, or null. */
    public record Page(List<Listed> runs, String next) {
    }

    /**
     * The caller's runs still known to the server (running, queued and the retained finished
     * ones), newest first, at most {@code limit}, starting after {@code cursor} (null: from
     * the newest). Another key's runs never appear.
     */
    public Page list(Principal principal, int limit, String cursor) {
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor.trim());
            } catch (NumberFormatException e) {
                throw badCursor(cursor);
            }
        }
        long bound = before;
        List<RunSession> mine = new ArrayList<>();
        for (RunSession s : runs.values()) {
            if (s.principal().name().equals(principal.name()) && s.number() < bound) mine.add(s);
        }
        mine.sort((a, b) -> Long.compare(b.number(), a.number()));
        List<Listed> page = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, mine.size()); i++) page.add(listed(mine.get(i)));
        String next = mine.size() > limit ? Long.toString(mine.get(limit - 1).number()) : null;
        return new Page(page, next);
    }

    /** The 400 for a {@code cursor} that is not the {@code next} of an earlier page. */
    public static ApiError badCursor(String cursor) {
        return new ApiError(ErrorCode.BAD_REQUEST, "cursor must be the 'next' value of an earlier page, got '" + cursor + "'");
    }

    private static Listed listed(RunSession s) {
        long f = s.finishedAtMillis();
        return new Listed(s.id(), s.status().wire(), java.time.Instant.ofEpochMilli(s.createdAtMillis()).toString(),
                s.hasEnded() && f > 0 ? java.time.Instant.ofEpochMilli(f).toString() : null);
    }

    /**
     * A run's place in a list that spans several nodes, whose run numbers mean nothing to each
     * other: by creation instant (millis), then id, both descending. Smaller comes first.
     */
    public record Position(long millis, String id) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Long.compare(o.millis, millis);
            return c != 0 ? c : o.id.compareTo(id);
        }
    }

    /** One run of a cluster-wide list with its {@link Position}. */
    public record Row(Position position, Listed listed) {
    }

    /**
     * Cluster mode: the runs of the key named {@code key} that come after {@code after} (null:
     * from the newest) in {@link Position} order, at most {@code max}.
     */
    public List<Row> listAfter(String key, Position after, int max) {
        List<RunSession> mine = new ArrayList<>();
        for (RunSession s : runs.values()) {
            if (s.principal().name().equals(key) && (after == null || position(s).compareTo(after) > 0)) mine.add(s);
        }
        mine.sort(Comparator.comparing(RunManager::position));
        List<Row> rows = new ArrayList<>(Math.min(max, mine.size()));
        for (RunSession s : mine.subList(0, Math.min(max, mine.size()))) rows.add(new Row(position(s), listed(s)));
        return rows;
    }

    private static Position position(RunSession s) {
        return new Position(s.createdAtMillis(), s.id());
    }

    synchronized void dequeue(RunSession s) {
        if (queue.remove(s)) decrement(keyQueued, s.principal().name());
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Called by a session (on its context) when it finishes: frees its slot, starts the next
     * queued runs, counts and logs the run and tells the observers. Each step is guarded on
     * its own so that a failure in one (even an OutOfMemoryError) cannot keep the slot taken.
     */
    void finished(RunSession s, RunStatus status, RunStats stats, long outputBytes, RunError error) {
        ClusterAdmission cluster = admission;
        if (cluster != null) {
            try {
                cluster.release(s.principal());
            } catch (Throwable t) {
                safeWarn("giving back a cluster quota slot failed", s, t);
            }
        }
        List<RunSession> next = new ArrayList<>(1);
        synchronized (this) {
            try {
                fault("finished");
            } catch (Throwable t) {
                safeWarn("ending a run failed", s, t);
            } finally {
                String key = s.principal().name();
                if (s.isActive()) {
                    active--;
                    decrement(keyActive, key);
                } else if (queue.remove(s)) {
                    decrement(keyQueued, key);
                }
                decrement(inFlight, key);
                pickNext(next);
                notifyAll();
            }
            try {
                retained.addLast(s);
                while (retained.size() > config.retainRuns) runs.remove(retained.removeFirst().id());
            } catch (Throwable t) {
                runs.remove(s.id());
                safeWarn("keeping a finished run failed", s, t);
            }
        }
        try {
            fault("metrics");
            metrics.finished(status, stats, outputBytes);
        } catch (Throwable t) {
            safeWarn("counting a finished run failed", s, t);
        }
        try {
            fault("log");
            log.info("run finished", "run", s.id(), "key", s.principal().name(), "status", status.wire(),
                    "durationMs", stats.durationMs(), "fuel", stats.fuel(), "tasks", stats.tasks(),
                    "outputBytes", outputBytes, "error", error == null ? null : error.kind() + ": " + error.message());
        } catch (Throwable t) {
            try {
                log.info("run finished", "run", s.id(), "status", status.wire());
            } catch (Throwable ignored) {
                // the log itself is broken
            }
        }
        for (RunSession n : next) {
            try {
                n.context().runOnContext(v -> n.begin());
            } catch (Throwable t) {
                safeWarn("starting a queued run failed", n, t);
            }
        }
        for (RunObserver o : observers) {
            try {
                fault("observers");
                o.ended(s);
            } catch (Throwable t) {
                safeWarn("a run observer failed", s, t);
            }
        }
    }

    /** Moves queued runs into free slots, oldest first, skipping keys that hold their share (under the monitor). */
    private void pickNext(List<RunSession> into) {
        Iterator<RunSession> it = queue.iterator();
        while (active < config.maxConcurrentRuns && it.hasNext()) {
            RunSession q = it.next();
            String key = q.principal().name();
            if (!mayStart(key)) continue;
            it.remove();
            decrement(keyQueued, key);
            occupy(q);
            into.add(q);
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
    public void refuseNewRuns() {
        synchronized (this) {
            if (draining) return;
            draining = true;
        }
        for (RunObserver o : observers) {
            try {
                o.draining();
            } catch (RuntimeException e) {
                log.warn("a run observer failed", "error", String.valueOf(e));
            }
        }
    }

    /**
     * Graceful shutdown, blocking the calling thread (never an event loop): new runs are
     * refused at once; running and queued runs get {@code timeout} to finish, then the rest
     * are cancelled. Returns how many runs had to be cancelled.
     */
    public int drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        refuseNewRuns();
        synchronized (this) {
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
