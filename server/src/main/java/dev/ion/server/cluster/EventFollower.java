package dev.ion.server.cluster;

import dev.ion.server.runs.EventSink;
import dev.ion.server.runs.RunSession;
import dev.ion.server.wire.ApiError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The reader's side of a run on another node: pulls "events after my last seq, at most
 * {@link #MAX_EVENTS}, wait up to {@link #WAIT_MS}" from the owner, writes them into the local
 * sink, and asks again only once the sink has room — so a slow client here parks the script
 * there, and nothing buffers without bound on either node. When the owner's node leaves the
 * cluster the sink gets one final {@code failed}/{@code node_lost} event. Runs on the context
 * of the route that created it.
 */
final class EventFollower {
    /** The forwarded operation a pull counts as in the metrics. */
    static final String OP = "events";
    static final int MAX_EVENTS = 256;
    /** How long the owner holds a pull open when it has nothing new. */
    static final long WAIT_MS = 5_000;
    /** How long after an unanswered pull the next is tried (the owner is still a member). */
    static final long RETRY_MS = 250;

    private final ForwardingRuns forwarding;
    private final NodeDirectory directory;
    private final Context context;
    private final String run;
    private final String key;
    private final String tag;
    private final EventSink sink;
    private final RunSession.GapNotice gap;
    private final String follower = UUID.randomUUID().toString();
    private final Consumer<String> lostListener = this::memberLost;
    private final Promise<Void> opened = Promise.promise();
    private Runnable onOpen;
    private long lastSeq;
    private boolean done;

    EventFollower(ForwardingRuns forwarding, NodeDirectory directory, Context context, String run, String key,
                  String tag, long afterSeq, EventSink sink, RunSession.GapNotice gap, Runnable onOpen) {
        this.onOpen = onOpen;
        this.forwarding = forwarding;
        this.directory = directory;
        this.context = context;
        this.run = run;
        this.key = key;
        this.tag = tag;
        this.lastSeq = afterSeq;
        this.sink = sink;
        this.gap = gap;
    }

    /** Starts pulling; completes after the owner's first answer (fails with its error, e.g. 404). */
    Future<Void> start() {
        directory.onLost(lostListener);
        pull();
        return opened.future();
    }

    private void pull() {
        if (done) return;
        if (sink.gone()) {
            stop();
            return;
        }
        JsonObject request = new JsonObject().put("op", "pull").put("run", run).put("key", key).put("follower", follower)
                .put("after", lastSeq).put("max", MAX_EVENTS).put("waitMs", WAIT_MS);
        forwarding.<JsonObject>request(tag, request, WAIT_MS + ForwardingRuns.TIMEOUT_MS, OP)
                .onComplete(ar -> {
                    if (done) return;
                    if (ar.succeeded()) {
                        open();
                        take(ar.result());
                    } else {
                        failed(ar.cause());
                    }
                });
    }

    private void take(JsonObject batch) {
        if (batch.containsKey("gapFrom") && gap != null) gap.missed(batch.getLong("gapFrom"), batch.getLong("gapTo"));
        JsonArray events = batch.getJsonArray("events");
        for (int i = 0; i < events.size(); i++) {
            JsonArray e = events.getJsonArray(i);
            long seq = e.getLong(0);
            if (seq <= lastSeq) continue;
            lastSeq = seq;
            if (!sink.gone()) sink.deliver(new RunSession.Event(seq, e.getString(1), e.getString(2)));
        }
        forwarding.metrics().relayed(events.size());
        if (batch.getBoolean("finished", false)) {
            end();
            sink.finished();
            return;
        }
        next();
    }

    /** Pulls again once the local reader has room. */
    private void next() {
        if (sink.gone()) {
            stop();
        } else if (sink.full()) {
            sink.onDrain(() -> context.runOnContext(v -> pull()));
        } else {
            pull();
        }
    }

    private void failed(Throwable cause) {
        ApiError owner = BusErrors.of(cause);
        if (!opened.future().isComplete()) {
            if (owner != null) {
                end();
                opened.fail(owner);
                return;
            }
            if (directory.lost(tag)) {
                open();
                nodeLost();
                return;
            }
        } else if (owner != null) {
            // The owner forgot the run (expired) or its relay: nothing more will come.
            end();
            sink.finished();
            return;
        }
        if (directory.lost(tag)) {
            nodeLost();
            return;
        }
        if (!opened.future().isComplete() && directory.nodeOf(tag) == null) {
            end();
            opened.fail(new ApiError(dev.ion.protocol.ErrorCode.NOT_FOUND, "no run '" + run + "'"));
            return;
        }
        context.owner().setTimer(RETRY_MS, t -> pull());
    }

    /** The owner answered: the reader's response may start (once), then the future completes. */
    private void open() {
        Runnable r = onOpen;
        onOpen = null;
        if (r != null) r.run();
        opened.tryComplete();
    }

    /** Called on a Hazelcast thread for every member that leaves. */
    private void memberLost(String nodeId) {
        if (nodeId.equals(directory.nodeOf(tag))) context.runOnContext(v -> nodeLost());
    }

    private void nodeLost() {
        if (done) return;
        end();
        open();
        if (!sink.gone()) sink.deliver(forwarding.nodeLostEvent(run, tag, lastSeq + 1));
        sink.finished();
    }

    /** The local reader went away: the owner lets go of its relay (best effort). */
    void stop() {
        if (done) return;
        end();
        forwarding.send(tag, new JsonObject().put("op", "stop").put("follower", follower));
    }

    private void end() {
        done = true;
        directory.removeOnLost(lostListener);
    }
}

