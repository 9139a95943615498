package dev.ion.server.cluster;

import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import dev.ion.protocol.ServerFrame;
import dev.ion.server.ops.ServerMetrics;
import dev.ion.server.ops.Services;
import dev.ion.server.runs.EventSink;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RemoteRuns;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.RunSession;
import dev.ion.server.wire.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The routes' way to a run that another node admitted: the node tag in the run id names the
 * owner, and each request goes to it over the clustered event bus (request/reply on the
 * owner's {@code ion.node.<tag>} address). Answers of a lost owner are made here: the run
 * failed with error kind {@code node_lost}.
 */
final class ForwardingRuns implements RemoteRuns {
    /** How long a forwarded request waits for the owner before the client gets a 503. */
    static final long TIMEOUT_MS = 10_000;
    static final String NODE_LOST = "node_lost";

    private final Vertx vertx;
    private final Services services;
    private final NodeDirectory directory;
    private final ClusterListing listing;

    ForwardingRuns(Vertx vertx, Services services, NodeDirectory directory, RunManager runs) {
        this.vertx = vertx;
        this.services = services;
        this.directory = directory;
        this.listing = new ClusterListing(vertx, this, directory, runs);
    }

    ServerMetrics metrics() {
        return services.metrics();
    }

    /** The owner's tag in a cluster run id ({@code run_} + tag + random), or null if the id has none. */
    static String tagOf(String id) {
        int len = 4 + NodeDirectory.TAG_LENGTH + 16;
        if (id == null || id.length() != len || !id.startsWith("run_")) return null;
        return id.substring(4, 4 + NodeDirectory.TAG_LENGTH);
    }

    @Override
    public boolean elsewhere(String id) {
        String tag = tagOf(id);
        return tag != null && !tag.equals(directory.tag());
    }

    @Override
    public boolean roomElsewhere() {
        return directory.roomiest() != null;
    }

    @Override
    public Future<RunResponse> place(Principal principal, String requestJson, String ref) {
        String target = directory.roomiest();
        if (target == null) {
            return Future.failedFuture(new ApiError(ErrorCode.OVERLOADED, "every node of the cluster is running all the"
                    + " runs it may; try again shortly", Map.of("Retry-After", "1")));
        }
        JsonObject body = new JsonObject().put("op", "submit").put("key", principal.name()).put("request", requestJson)
                .put("ref", ref);
        return this.<String>request(target, body, TIMEOUT_MS, "submit")
                .map(json -> services.codec().decode(json, RunResponse.class))
                .recover(e -> {
                    ApiError owner = BusErrors.of(e);
                    return Future.failedFuture(owner != null ? owner : new ApiError(ErrorCode.OVERLOADED,
                            "the node chosen for the run did not answer; try again", Map.of("Retry-After", "1")));
                });
    }

    @Override
    public Future<RunManager.Page> list(Principal principal, int limit, String cursor) {
        return listing.list(principal, limit, cursor);
    }

    @Override
    public Future<RunResponse> snapshot(String id, Principal principal) {
        return runRequest("get", id, principal);
    }

    @Override
    public Future<RunResponse> cancel(String id, Principal principal) {
        return runRequest("cancel", id, principal);
    }

    private Future<RunResponse> runRequest(String op, String id, Principal principal) {
        String tag = tagOf(id);
        // a node known to have left is not asked: until every member has dropped its event-bus address, a
        // request could still reach a node that is leaving and report its run as running
        if (directory.lost(tag)) return Future.succeededFuture(lostResponse(id, tag));
        JsonObject body = new JsonObject().put("op", op).put("run", id).put("key", principal.name());
        return this.<String>request(tag, body, TIMEOUT_MS, op)
                .map(json -> services.codec().decode(json, RunResponse.class))
                .recover(e -> lostOr(id, tag, e, () -> Future.succeededFuture(lostResponse(id, tag))));
    }

    @Override
    public Future<Void> input(String id, Principal principal, String valueJson, long bytes, boolean close) {
        String tag = tagOf(id);
        if (directory.lost(tag)) return Future.failedFuture(inputToLostRun(id, tag));
        JsonObject body = new JsonObject().put("op", "input").put("run", id).put("key", principal.name())
                .put("value", valueJson).put("bytes", bytes).put("close", close);
        return this.<String>request(tag, body, TIMEOUT_MS, "input").<Void>mapEmpty()
                .recover(e -> lostOr(id, tag, e, () -> Future.failedFuture(inputToLostRun(id, tag))));
    }

    private ApiError inputToLostRun(String id, String tag) {
        return new ApiError(ErrorCode.CONFLICT, "run " + id + " has finished: " + lostMessage(tag));
    }

    @Override
    public Future<Void> follow(String id, Principal principal, long afterSeq, EventSink sink, RunSession.GapNotice gap,
                               Runnable opened) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return new EventFollower(this, directory, context, id, principal.name(), tagOf(id), afterSeq, sink, gap, opened)
                .start();
    }

    /** The answer for a failed request: the owner's own error, the lost node's answer, or 503 for an owner that is slow. */
    private <T> Future<T> lostOr(String id, String tag, Throwable e, java.util.function.Supplier<Future<T>> whenLost) {
        ApiError owner = BusErrors.of(e);
        if (owner != null) return Future.failedFuture(owner);
        if (directory.lost(tag)) return whenLost.get();
        if (directory.nodeOf(tag) == null) {
            return Future.failedFuture(new ApiError(ErrorCode.NOT_FOUND, "no run '" + id + "'"));
        }
        return Future.failedFuture(new ApiError(ErrorCode.OVERLOADED, "the node running this run did not answer in time;"
                + " try again", Map.of("Retry-After", "1")));
    }

    /**
     * Sends a request to the owner {@code tag}, counting it as a forwarded {@code op} and timing
     * it unless it is an {@code events} pull (a long poll: its time is the owner's wait for events).
     */
    <T> Future<T> request(String tag, JsonObject body, long timeoutMs, String op) {
        long t0 = System.nanoTime();
        return vertx.eventBus().<T>request(OwnerEndpoint.address(tag), body, new DeliveryOptions().setSendTimeout(timeoutMs))
                .map(m -> {
                    services.metrics().forwarded(op, op.equals(EventFollower.OP) ? -1 : System.nanoTime() - t0);
                    return m.body();
                });
    }

    /** A one-way message to the owner {@code tag} (nothing waits for it). */
    void send(String tag, JsonObject body) {
        vertx.eventBus().send(OwnerEndpoint.address(tag), body);
    }

    String lostMessage(String tag) {
        return "the run's node " + tag + " (" + directory.nodeOf(tag) + ") left the cluster; the run is lost";
    }

    private RunError lostError(String tag) {
        return new RunError(NODE_LOST, lostMessage(tag), 0, 0, null, null);
    }

    RunResponse lostResponse(String id, String tag) {
        return new RunResponse(id, RunStatus.FAILED, null, null, "", lostError(tag), new RunStats(0, 0, 0, 0), null, null);
    }

    /** The final event a reader gets when the run's node was lost. */
    RunSession.Event nodeLostEvent(String id, String tag, long seq) {
        ServerFrame.Error frame = new ServerFrame.Error(id, seq, null, RunStatus.FAILED, lostError(tag), new RunStats(0, 0, 0, 0));
        return new RunSession.Event(seq, frame.type(), services.codec().encode(frame));
    }
}
