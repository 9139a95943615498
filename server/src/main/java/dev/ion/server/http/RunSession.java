package dev.ion.server.http;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * (oldest dropped first). Live subscribers get each event written straight into their
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
    private final String source;
    private final Limits limits;
    private final List<Value> initialInput;
    private final VertxEventLoop loop;
    private final RunManager manager;
    private final ServerConfig config;

    private RunStatus status = RunStatus.QUEUED;
    private boolean active;
    private Run run;
    private InputChannel input;
    private final List<Runnable> beforeStart = new ArrayList<>();
    private final StringBuilder output = new StringBuilder();
    private long outputBytes;
    private long seq;
    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private long historyBytes;
    private long droppedEvents;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private CompletableFuture<Void> backPressure;
    private long startNanos;
    private long endNanos;
    private long finishedAtMillis;
    private RunResponse result;
    private final CompletableFuture<RunResponse> done = new CompletableFuture<>();

    RunSession(String id, String ref, Principal principal, String source, Limits limits, List<Value> initialInput,
               VertxEventLoop loop, RunManager manager, ServerConfig config) {
        this.id = id;
        this.ref = ref;
        this.principal = principal;
        this.source = source;
        this.limits = limits;
        this.initialInput = initialInput;
        this.loop = loop;
        this.manager = manager;
        this.config = config;
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
    void accepted(Subscriber first, boolean startNow) {
        if (first != null) subscribers.add(first);
        status = startNow ? RunStatus.RUNNING : RunStatus.QUEUED;
        publish(new ServerFrame.Started(id, ++seq, ref, status, RunManager.limitsMap(limits)));
        if (startNow) begin();
    }

    /** Starts the engine (the run holds a slot now). */
    void begin() {
        if (status.finished()) return;
        active = true;
        status = RunStatus.RUNNING;
        startNanos = System.nanoTime();
        Engine engine = new Engine().setLimits(limits).setOutputHandler(text -> { });
        try {
            run = engine.start(source, loop, listener());
        } catch (IonException e) {
            finish(null, e);
            return;
        } catch (RuntimeException e) {
            manager.log().warn("engine failed to start", "run", id, "error", e.toString());
            finish(null, new IonException(ErrorKind.RUNTIME, "internal error: " + e, 0, 0));
            return;
        }
        input = run.inputChannel("input", Math.max(1, Math.min(config.inputCapacity, limits.maxChannelCapacity())));
        if (initialInput != null) {
            offerAll(initialInput, 0);
        }
        for (Runnable r : beforeStart) r.run();
        beforeStart.clear();
        run.result().whenComplete((value, error) -> {
            if (Vertx.currentContext() == context()) finish(value, error);
            else context().runOnContext(v -> finish(value, error));
        });
    }

    private void offerAll(List<Value> values, int i) {
        if (i == values.size()) {
            input.close();
            return;
        }
        input.offer(values.get(i)).whenComplete((v, e) -> {
            if (e == null) context().runOnContext(x -> offerAll(values, i + 1));
        });
    }

    private RunListener listener() {
        return new RunListener() {
            @Override
            public CompletionStage<?> onOutput(String text) {
                if (outputBytes < config.maxRetainedOutput) {
                    output.append(text);
                }
                outputBytes += text.length();
                return publish(new ServerFrame.Output(id, ++seq, text));
            }

            @Override
            public CompletionStage<?> onRecv(long channelId, int taskId, Value value) {
                return publish(new ServerFrame.Recv(id, ++seq, channelId, taskId, value.repr(MAX_RENDERED_CHARS),
                        json(value)));
            }

            @Override
            public CompletionStage<?> onSelect(int arm, Value value) {
                return publish(new ServerFrame.Select(id, ++seq, arm, value.repr(MAX_RENDERED_CHARS), json(value)));
            }
        };
    }

    /** Cap on the repr and JSON text of one value sent to clients: hostile values may be huge DAGs. */
    static final long MAX_RENDERED_CHARS = 1 << 20;

    private JsonNode json(Value value) {
        try {
            return manager.codec().tree(value.toJson(MAX_RENDERED_CHARS));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void finish(Value value, Throwable error) {
        if (status.finished()) return;
        endNanos = System.nanoTime();
        finishedAtMillis = System.currentTimeMillis();
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        IonException ion = cause == null ? null : cause instanceof IonException ie ? ie
                : new IonException(ErrorKind.RUNTIME, "internal error: " + cause, 0, 0);
        if (ion == null) status = RunStatus.SUCCEEDED;
        else status = ion.kind() == ErrorKind.CANCELLED ? RunStatus.CANCELLED : RunStatus.FAILED;
        RunStats stats = stats();
        RunError err = ion == null ? null : error(ion);
        String repr = value == null ? null : value.repr(MAX_RENDERED_CHARS);
        JsonNode json = value == null ? null : json(value);
        result = new RunResponse(id, status, repr, json, output.toString(), err, stats, RunManager.limitsMap(limits));
        ServerFrame last = ion == null
                ? new ServerFrame.Result(id, ++seq, status, repr, json, stats)
                : new ServerFrame.Error(id, ++seq, null, status, err, stats);
        publish(last);
        if (input != null) input.close();
        releaseBackPressure();
        for (Subscriber s : subscribers) s.finished();
        subscribers.clear();
        manager.finished(this, status, stats, outputBytes, err);
        done.complete(result);
    }

    private static RunError error(IonException e) {
        List<RunError.TraceFrame> trace = e.trace().stream()
                .map(t -> new RunError.TraceFrame(t.function(), t.line(), t.column())).toList();
        return new RunError(e.kind().label(), e.getMessage(), e.line(), e.column(), trace.isEmpty() ? null : trace);
    }

    private RunStats stats() {
        long duration = startNanos == 0 ? 0 : ((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1_000_000;
        if (run == null) return new RunStats(0, duration, 0, 0);
        return new RunStats(run.fuelUsed(), duration, run.peakMemoryBytes(), run.tasksStarted());
    }

    /** The run as GET reports it (on context). */
    public RunResponse snapshot() {
        if (result != null) return result;
        return new RunResponse(id, status, null, null, output.toString(), null, stats(), RunManager.limitsMap(limits));
    }

    /** Cancels the run (on context); a queued run is cancelled without starting. */
    public RunResponse cancel() {
        if (status.finished()) return result;
        if (run == null) {
            manager.dequeue(this);
            finish(null, IonException.cancelled());
        } else {
            run.cancel();
            releaseBackPressure();
        }
        return snapshot();
    }

    /** Sends a value into the script's input receiver (on context); completes when the channel took it. */
    public CompletableFuture<Void> offerInput(Value value) {
        if (status.finished()) {
            return CompletableFuture.failedFuture(new ApiError(ErrorCode.CONFLICT, "run " + id + " has finished"));
        }
        if (input == null) {
            if (beforeStart.size() >= config.inputCapacity) {
                return CompletableFuture.failedFuture(new ApiError(ErrorCode.CONFLICT,
                        "run " + id + " is queued and its input buffer is full"));
            }
            // Buffered (bounded) until the run gets a slot; offered first thing when it starts.
            beforeStart.add(() -> input.offer(value));
            return CompletableFuture.completedFuture(null);
        }
        return input.offer(value).handle((v, e) -> {
            if (e != null) throw new ApiError(ErrorCode.CONFLICT, "the input of run " + id + " is closed");
            return null;
        });
    }

    /** Closes the script's input receiver (on context). */
    public void closeInput() {
        if (input == null) beforeStart.add(() -> input.close());
        else input.close();
    }

    // ---- events (on context) ---------------------------------------------------------------

    private CompletionStage<?> publish(ServerFrame frame) {
        Event event = new Event(frame.seq(), frame.type(), manager.codec().encode(frame));
        history.addLast(event);
        historyBytes += event.json().length();
        while (history.size() > 1 && (history.size() > config.historyEvents || historyBytes > config.historyBytes)) {
            historyBytes -= history.removeFirst().json().length();
            droppedEvents++;
        }
        boolean anyFull = false;
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber s = subscribers.get(i);
            s.deliver(event);
            anyFull |= s.full();
        }
        if (backPressure != null) return backPressure;
        if (!anyFull) return null;
        backPressure = new CompletableFuture<>();
        awaitDrain();
        return backPressure;
    }

    private void awaitDrain() {
        for (Subscriber s : subscribers) {
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
        if (bp != null) bp.complete(null);
    }

    /**
     * Attaches a reader (on context): replays the retained events after {@code afterSeq} at
     * the pace the reader takes them (whenever its write queue is full the replay waits for
     * it to drain), then delivers live ones. Returns false when the run had already finished.
     */
    boolean attach(Subscriber s, long afterSeq, Runnable gapNotice) {
        boolean live = !status.finished();
        replay(s, afterSeq, gapNotice);
        return live;
    }

    /** Delivers retained events after {@code cursor} until the reader is full, caught up, or gone. */
    private void replay(Subscriber s, long cursor, Runnable gapNotice) {
        Event first = history.peekFirst();
        if (first != null && first.seq() > cursor + 1) {
            if (gapNotice != null) gapNotice.run();
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
            s.deliver(e);
            cursor = e.seq();
        }
        if (status.finished()) s.finished();
        else if (!s.gone()) subscribers.add(s);
    }

    /** Detaches a reader (on context) that went away; a parked task it was holding back goes on. */
    void detach(Subscriber s) {
        if (subscribers.remove(s)) checkDrained();
    }

    boolean finished() {
        return status.finished();
    }

    RunStatus status() {
        return status;
    }

    Map<String, Object> logFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", id);
        m.put("key", principal.name());
        return m;
    }
}
