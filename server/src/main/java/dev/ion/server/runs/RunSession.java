package dev.ion.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.engine.Cancellable;
import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import dev.ion.protocol.ServerFrame;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.Services;
import dev.ion.server.wire.ApiError;
import dev.ion.server.wire.JsonValues;
import dev.ion.server.wire.RunJson;
import dev.ion.server.wire.WireLimits;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One run: its engine, its events and the sinks they go to. Everything here happens on
 * the event-loop context of the verticle that accepted the run (other verticles reach it
 * through {@link #onContext}), so there is no locking.
 *
 * <p>Events get a per-run {@code seq} and are kept in a bounded history for SSE replay
 * (oldest dropped first). Each attached {@link EventSink} gets each event written straight into its
 * transport; when one's write queue is full the listener returns an incomplete stage, so
 * the Ion task that produced the event parks until the queue drains. A run nobody is
 * reading from is not slowed down: only attached readers apply back-pressure.
 */
public final class RunSession {
    /** One event of the run, encoded once as the frame JSON shared by WebSocket and SSE. */
    public record Event(long seq, String type, String json) {
    }

    private final String id;
    private final String ref;
    private final Principal principal;
    private final Limits limits;
    private final Map<String, Map<String, Long>> clamped;
    private final VertxEventLoop loop;
    private final RunManager manager;
    private final Services services;
    private final ServerConfig config;
    private final long number;
    private final long createdAtMillis = System.currentTimeMillis();

    // Dropped when the run ends, so that a finished run holds none of the script's heap.
    private String source;
    private List<Value> initialInput;
    private Run run;
    private InputChannel input;
    /** The last value offered to {@link #input} (on context): closing the input waits for it. */
    private CompletableFuture<Void> lastOffer = CompletableFuture.completedFuture(null);
    /** Set by {@link #closeInput}: values sent after it are refused, those sent before still arrive. */
    private boolean inputClosed;
    private final List<Runnable> beforeStart = new ArrayList<>();
    private StringBuilder output = new StringBuilder();
    private final QueuedInput queuedInput;
    private Cancellable deadlineTimer;

    private volatile RunStatus status = RunStatus.QUEUED;
    private boolean ended;
    private boolean active;
    private RunStats finalStats;
    private long outputBytes;
    private long seq;
    private final EventHistory history = new EventHistory();
    private final List<EventSink> subscribers = new ArrayList<>();
    private CompletableFuture<Void> backPressure;
    private long startNanos;
    private long endNanos;
    private volatile long finishedAtMillis;
    private RunResponse result;
    private final CompletableFuture<RunResponse> done = new CompletableFuture<>();

    RunSession(String id, long number, String ref, Principal principal, String source, RunManager.Effective limits,
               List<Value> initialInput, VertxEventLoop loop, RunManager manager, Services services) {
        this.id = id;
        this.number = number;
        this.ref = ref;
        this.principal = principal;
        this.source = source;
        this.limits = limits.limits();
        this.clamped = limits.clamped();
        this.initialInput = initialInput;
        this.loop = loop;
        this.manager = manager;
        this.services = services;
        this.config = services.config();
        this.queuedInput = new QueuedInput(config.maxQueuedInputs, config.maxQueuedInputBytes);
    }

    /** Admission order: later runs have larger numbers (the cursor of {@code GET /v1/runs}). */
    long number() {
        return number;
    }

    long createdAtMillis() {
        return createdAtMillis;
    }

    /** The engine's run while it executes (tests check that a finished session lets go of it). */
    public Run engineRun() {
        return run;
    }

    public String id() {
        return id;
    }

    public Principal principal() {
        return principal;
    }

    public Context context() {
        return loop.context();
    }

    /** Completes (on this run's context) with the final response. */
    public CompletableFuture<RunResponse> done() {
        return done;
    }

    long finishedAtMillis() {
        return finishedAtMillis;
    }

    boolean isActive() {
        return active;
    }

    void markActive() {
        active = true;
    }

    /** Runs {@code work} on this run's context; the future completes on the caller's context. */
    public <T> Future<T> onContext(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        context().runOnContext(v -> {
            T value;
            try {
                value = work.get();
            } catch (RuntimeException e) {
                back(caller, () -> promise.fail(e));
                return;
            }
            back(caller, () -> promise.complete(value));
        });
        return promise.future();
    }

    private void back(Context caller, Runnable r) {
        if (caller == null || caller == context()) r.run();
        else caller.runOnContext(v -> r.run());
    }

    // ---- lifecycle (on context) -----------------------------------------------------------

    /** Called once on acceptance: emits {@code started} (to {@code first}, if given, and the history). */
    void accepted(EventSink first, boolean startNow) {
        if (first != null) subscribers.add(first);
        status = startNow ? RunStatus.RUNNING : RunStatus.QUEUED;
        publish(new ServerFrame.Started(id, ++seq, ref, status, WireLimits.of(limits), clamped));
        if (startNow) begin();
    }

    /** Starts the engine (the run holds a slot now). */
    void begin() {
        if (ended) return;
        active = true;
        status = RunStatus.RUNNING;
        startNanos = System.nanoTime();
        Engine engine = new Engine().setLimits(limits).setOutputHandler(text -> { });
        DemoLookup.install(engine, (ms, action) -> loop.schedule(ms, action)::cancel);
        String text = source;
        source = null;
        try {
            manager.fault("start");
            run = engine.start(manager.scripts().get(text, engine), loop, listener());
        } catch (Throwable e) {
            finish(null, e); // a compile error, or the engine's own failure (reported as internal)
            return;
        }
        // armed after the run's first turns, for the same instant: most runs have ended by then and need no timer
        if (limits.deadlineMs() != Limits.UNLIMITED) loop.execute(this::armDeadline);
        input = run.inputChannel("input", Math.max(1, Math.min(config.inputCapacity, limits.maxChannelCapacity())));
        List<Value> initial = initialInput;
        initialInput = null;
        if (initial != null) {
            queuedInput.expectUncounted(initial.size());
            offerAll(input, initial, 0);
        }
        for (Runnable r : beforeStart) r.run();
        beforeStart.clear();
        run.result().whenComplete((value, error) -> {
            if (Vertx.currentContext() == context()) engineFinished(value, error);
            else context().runOnContext(v -> engineFinished(value, error));
        });
        manager.runStarted(this);
    }

    /** The engine's own completion; ignored when the server already ended the run (its hard deadline). */
    private void engineFinished(Value value, Throwable error) {
        try {
            manager.fault("engine");
        } catch (Throwable t) {
            return;
        }
        finish(value, error);
    }

    /**
     * The hard deadline: the engine fails a run at {@code deadline_ms} itself, but when it
     * cannot (a task that is not interrupted in time) the server ends the run at deadline
     * plus {@code deadlineGrace} anyway and cancels the engine's run, whose late completion
     * is then ignored. Counted from the run's start, although armed after its first turns.
     */
    private void armDeadline() {
        long d = limits.deadlineMs();
        if (d == Limits.UNLIMITED || ended) return;
        long grace = config.deadlineGraceDuration().toMillis();
        long since = (System.nanoTime() - startNanos) / 1_000_000;
        deadlineTimer = loop.schedule(Math.min(Long.MAX_VALUE - grace, d) + grace - since, () -> {
            if (ended) return;
            Run r = run;
            services.log().warn("run ended by the server's hard deadline", "run", id, "deadlineMs", d);
            finish(null, IonException.limit("deadline_ms", d));
            if (r != null) r.cancel();
        });
    }

    private void offerAll(InputChannel channel, List<Value> values, int i) {
        if (i == values.size()) {
            channel.close();
            return;
        }
        channel.offer(values.get(i)).whenComplete((v, e) -> {
            if (e == null) context().runOnContext(x -> offerAll(channel, values, i + 1));
        });
    }

    private RunListener listener() {
        return new RunListener() {
            @Override
            public CompletionStage<?> onOutput(String text) {
                if (ended) return null;
                if (outputBytes < config.maxRetainedOutput && output != null) {
                    output.append(text);
                }
                outputBytes += text.length();
                return publish(new ServerFrame.Output(id, ++seq, text));
            }

            @Override
            public CompletionStage<?> onRecv(long channelId, int taskId, Value value) {
                if (ended) return null;
                InputChannel in = input;
                if (in != null && channelId == in.channelId()) queuedInput.received();
                return publish(new ServerFrame.Recv(id, ++seq, channelId, taskId, value.repr(MAX_RENDERED_CHARS),
                        json(value)));
            }

            @Override
            public CompletionStage<?> onSelect(int arm, Value value) {
                if (ended) return null;
                return publish(new ServerFrame.Select(id, ++seq, arm, value.repr(MAX_RENDERED_CHARS), json(value)));
            }
        };
    }

    /** Cap on the repr and JSON text of one value sent to clients: hostile values may be huge DAGs. */
    static final long MAX_RENDERED_CHARS = 1 << 20;

    private static JsonNode json(Value value) {
        return JsonValues.toJson(value, MAX_RENDERED_CHARS);
    }

    /**
     * Ends the run, exactly once, whatever throws on the way: each step below is guarded on
     * its own, so the client is answered, the slot returned and the end logged even when
     * building or publishing the result fails (an internal failure then shows as error kind
     * {@code internal}). Afterwards the session holds its result, history and stats only.
     */
    private void finish(Value value, Throwable error) {
        if (ended) return;
        ended = true;
        cancelDeadline();
        endNanos = System.nanoTime();
        finishedAtMillis = System.currentTimeMillis();
        RunStats stats = safeStats();
        finalStats = stats;
        RunResponse response;
        ServerFrame last;
        try {
            manager.fault("result");
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause != null && !(cause instanceof IonException)) {
                services.log().warn("run failed inside the server", "run", id, "error", cause.toString());
            }
            IonException ion = cause == null ? null : cause instanceof IonException ie ? ie : null;
            RunStatus st = cause == null ? RunStatus.SUCCEEDED
                    : ion != null && ion.kind() == ErrorKind.CANCELLED ? RunStatus.CANCELLED : RunStatus.FAILED;
            RunError err = cause == null ? null : ion != null ? error(ion) : INTERNAL;
            String repr = value == null ? null : value.repr(MAX_RENDERED_CHARS);
            JsonNode json = value == null ? null : json(value);
            response = new RunResponse(id, st, repr, json, output.toString(), err, stats,
                    WireLimits.of(limits), clamped);
            last = err == null ? new ServerFrame.Result(id, ++seq, st, repr, json, stats)
                    : new ServerFrame.Error(id, ++seq, null, st, err, stats);
        } catch (Throwable t) {
            warn("building the result failed", t);
            response = internalResult(stats);
            last = new ServerFrame.Error(id, ++seq, null, RunStatus.FAILED, INTERNAL, stats);
        }
        result = response;
        status = response.status();
        try {
            manager.fault("publish");
            publish(last);
        } catch (Throwable t) {
            warn("publishing the result failed", t);
            try {
                publish(new ServerFrame.Error(id, ++seq, null, RunStatus.FAILED, INTERNAL, stats));
            } catch (Throwable again) {
                warn("publishing the result failed", again);
            }
        }
        try {
            manager.fault("subscribers");
            if (input != null) input.close();
            releaseBackPressure();
            for (EventSink s : subscribers) s.finished();
        } catch (Throwable t) {
            warn("closing the run's readers failed", t);
        }
        dropEngine();
        try {
            manager.finished(this, status, stats, outputBytes, result.error());
        } finally {
            done.complete(result);
        }
    }

    /** The error of a run that failed inside the server rather than in its script. */
    static final RunError INTERNAL = new RunError("internal", "internal error", 0, 0, null, null);

    private RunResponse internalResult(RunStats stats) {
        return new RunResponse(id, RunStatus.FAILED, null, null, null, INTERNAL, stats, null, null);
    }

    private void warn(String what, Throwable t) {
        manager.safeWarn(what, this, t);
    }

    /** Lets go of everything that can reach the script's heap: engine, input, readers, pending closures. */
    private void dropEngine() {
        run = null;
        input = null;
        source = null;
        initialInput = null;
        output = null;
        beforeStart.clear();
        subscribers.clear();
        queuedInput.clear();
        backPressure = null;
    }

    private void cancelDeadline() {
        Cancellable t = deadlineTimer;
        deadlineTimer = null;
        if (t != null) {
            try {
                t.cancel();
            } catch (Throwable e) {
                warn("cancelling the deadline timer failed", e);
            }
        }
    }

    private RunStats safeStats() {
        try {
            return stats();
        } catch (Throwable t) {
            return new RunStats(0, 0, 0, 0);
        }
    }

    static RunError error(IonException e) {
        List<RunError.TraceFrame> trace = e.trace().stream()
                .map(t -> new RunError.TraceFrame(t.function(), t.line(), t.column())).toList();
        List<RunError.Problem> errors = !e.isCompileError() ? null : e.problems().stream()
                .map(p -> new RunError.Problem(p.kind().label(), p.message(), p.line(), p.column())).toList();
        if (e.kind() == ErrorKind.RUNTIME && e.getMessage().equals(IonException.internal().getMessage())) return INTERNAL;
        return new RunError(e.kind().label(), e.getMessage(), e.line(), e.column(), trace.isEmpty() ? null : trace, errors);
    }

    private RunStats stats() {
        if (finalStats != null) return finalStats;
        long duration = startNanos == 0 ? 0 : ((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1_000_000;
        if (run == null) return new RunStats(0, duration, 0, 0);
        return new RunStats(run.fuelUsed(), duration, run.peakMemoryBytes(), run.tasksStarted());
    }

    /** The run as GET reports it (on context). */
    public RunResponse snapshot() {
        if (result != null) return result;
        return new RunResponse(id, status, null, null, output == null ? "" : output.toString(), null, stats(),
                WireLimits.of(limits), clamped);
    }

    /** Cancels the run (on context); a queued run is cancelled without starting. */
    public RunResponse cancel() {
        if (ended) return result;
        if (run == null) {
            manager.dequeue(this);
            finish(null, IonException.cancelled());
        } else {
            run.cancel();
            releaseBackPressure();
        }
        return snapshot();
    }

    /**
     * Sends a value into the script's input receiver (on context); completes when the channel
     * took it. {@code bytes} is its size as sent; values the script has not received yet are
     * bounded by {@code maxQueuedInputs} and {@code maxQueuedInputBytes} (429 beyond).
     */
    public CompletableFuture<Void> offerInput(Value value, long bytes) {
        if (ended) {
            return CompletableFuture.failedFuture(new ApiError(ErrorCode.CONFLICT, "run " + id + " has finished"));
        }
        if (inputClosed) {
            return CompletableFuture.failedFuture(new ApiError(ErrorCode.CONFLICT, "the input of run " + id + " is closed"));
        }
        try {
            queuedInput.add(id, value, bytes);
        } catch (ApiError e) {
            return CompletableFuture.failedFuture(e);
        }
        if (input == null) {
            // Buffered (bounded above) until the run gets a slot; offered first thing when it starts.
            beforeStart.add(() -> offerNow(value));
            return CompletableFuture.completedFuture(null);
        }
        return offerNow(value);
    }

    private CompletableFuture<Void> offerNow(Value value) {
        InputChannel channel = input;
        if (channel == null) {
            return CompletableFuture.failedFuture(new ApiError(ErrorCode.CONFLICT, "run " + id + " has finished"));
        }
        CompletableFuture<Void> offered = channel.offer(value).handle((v, e) -> {
            if (e != null) {
                context().runOnContext(x -> queuedInput.refused(value));
                throw new ApiError(ErrorCode.CONFLICT, "the input of run " + id + " is closed");
            }
            return null;
        });
        lastOffer = offered;
        return offered;
    }

    /**
     * Closes the script's input receiver (on context) once the values sent before are in
     * the channel: the script reads them all, then {@code None}. Values sent after are refused.
     */
    public void closeInput() {
        if (ended || inputClosed) return;
        inputClosed = true;
        if (input == null) {
            beforeStart.add(this::closeAfterLastOffer);
        } else {
            closeAfterLastOffer();
        }
    }

    private void closeAfterLastOffer() {
        InputChannel channel = input;
        if (channel == null) return;
        lastOffer.whenComplete((v, e) -> {
            if (Vertx.currentContext() == context()) channel.close();
            else context().runOnContext(x -> channel.close());
        });
    }

    // ---- events (on context) ---------------------------------------------------------------

    private CompletionStage<?> publish(ServerFrame frame) {
        Event event = new Event(frame.seq(), frame.type(), RunJson.encode(services.codec(), frame));
        history.add(event, config.historyEvents, config.historyBytes);
        boolean anyFull = false;
        for (int i = 0; i < subscribers.size(); i++) {
            EventSink s = subscribers.get(i);
            deliver(s, event);
            anyFull |= s.full();
        }
        if (backPressure != null) return backPressure;
        if (!anyFull) return null;
        backPressure = new CompletableFuture<>();
        manager.runParked(this);
        awaitDrain();
        return backPressure;
    }

    private void deliver(EventSink s, Event event) {
        if (s.gone()) return;
        services.metrics().streamed(s.transport(), event.type());
        s.deliver(event);
    }

    private void awaitDrain() {
        for (EventSink s : subscribers) {
            if (s.full()) {
                s.onDrain(() -> context().runOnContext(v -> checkDrained()));
                return;
            }
        }
        releaseBackPressure();
    }

    private void checkDrained() {
        if (backPressure != null) awaitDrain();
    }

    private void releaseBackPressure() {
        CompletableFuture<Void> bp = backPressure;
        backPressure = null;
        if (bp != null) {
            bp.complete(null);
            manager.runReleased(this);
        }
    }

    /** Told when a replay cannot start where the reader asked: events {@code from..to} were dropped. */
    public interface GapNotice {
        void missed(long from, long to);
    }

    /**
     * Attaches a reader (on context): replays the retained events after {@code afterSeq} at
     * the pace the reader takes them (whenever its write queue is full the replay waits for
     * it to drain), then delivers live ones. Returns false when the run had already finished.
     */
    public boolean attach(EventSink s, long afterSeq, GapNotice gapNotice) {
        boolean live = !ended;
        replay(s, afterSeq, gapNotice);
        return live;
    }

    /** Delivers retained events after {@code cursor} until the reader is full, caught up, or gone. */
    private void replay(EventSink s, long cursor, GapNotice gapNotice) {
        Event first = history.first();
        if (first != null && first.seq() > cursor + 1) {
            if (gapNotice != null) gapNotice.missed(cursor + 1, first.seq() - 1);
            cursor = first.seq() - 1;
        }
        for (Event e : history) {
            if (e.seq() <= cursor) continue;
            if (s.gone()) return;
            if (s.full()) {
                long at = cursor;
                s.onDrain(() -> context().runOnContext(v -> replay(s, at, gapNotice)));
                return;
            }
            deliver(s, e);
            cursor = e.seq();
        }
        if (ended) s.finished();
        else if (!s.gone()) subscribers.add(s);
    }

    /** Detaches a reader (on context) that went away; a parked task it was holding back goes on. */
    public void detach(EventSink s) {
        if (subscribers.remove(s)) checkDrained();
    }

    public boolean finished() {
        return ended;
    }

    /** True once the run has ended (readable from any thread, e.g. by {@code GET /v1/runs}). */
    boolean hasEnded() {
        return status.finished();
    }

    public RunStatus status() {
        return status;
    }
}
