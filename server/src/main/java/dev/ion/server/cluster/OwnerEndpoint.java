package dev.ion.server.cluster;

import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;
import dev.ion.server.ops.Services;
import dev.ion.protocol.RunRequest;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.VertxEventLoop;
import dev.ion.server.runs.RunSession;
import dev.ion.server.wire.ApiError;
import dev.ion.server.wire.JsonValues;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This node's answers to the other nodes about the runs it runs: an event-bus consumer on
 * {@code ion.node.<tag>} on each of the node's event loops (the bus takes turns among them)
 * taking {@code get}, {@code cancel}, {@code input}, {@code pull}, {@code stop} and
 * {@code submit} requests, each applied on the run's own context exactly as the local routes
 * do, and {@code list} (a key's runs here, for a {@code GET /v1/runs} on another node; see
 * {@link ClusterListing}); a run placed here by a full node runs on the event loop whose
 * consumer took it.
 * A {@code pull} comes from a reader on another node; its {@link RelaySink} is kept until the
 * run ends and is read out, the reader says {@code stop}, or no pull came for {@link #IDLE_MS}.
 */
final class OwnerEndpoint {
    static final String PREFIX = "ion.node.";
    /** A relay nobody pulled from for this long is dropped (its reader's node died or forgot it). */
    static final long IDLE_MS = 60_000;

    private final Vertx vertx;
    private final RunManager runs;
    private final Services services;
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, Principal> principals;

    private record Relay(RunSession session, RelaySink sink) {
    }

    OwnerEndpoint(Vertx vertx, RunManager runs, Services services, java.util.function.Function<String, Principal> principals) {
        this.vertx = vertx;
        this.principals = principals;
        this.runs = runs;
        this.services = services;
    }

    static String address(String tag) {
        return PREFIX + tag;
    }

    /** Starts answering on {@code loops} event loops; completes once the whole cluster can route to this node. */
    Future<Void> start(String tag, int loops) {
        vertx.setPeriodic(IDLE_MS / 4, t -> expireIdle());
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                VertxEventLoop placed = new VertxEventLoop(context);
                return vertx.eventBus().<JsonObject>consumer(address(tag), m -> handle(m, placed)).completion();
            }
        }, new DeploymentOptions().setInstances(loops)).mapEmpty();
    }

    private void handle(Message<JsonObject> m, VertxEventLoop placed) {
        JsonObject body = m.body();
        try {
            switch (body.getString("op", "")) {
                case "get" -> {
                    RunSession s = session(body);
                    reply(m, s.onContext(s::snapshot));
                }
                case "cancel" -> {
                    RunSession s = session(body);
                    reply(m, s.onContext(s::cancel));
                }
                case "input" -> input(m, body);
                case "pull" -> pull(m, body);
                case "stop" -> stop(body.getString("follower"));
                case "submit" -> submit(m, body, placed);
                case ClusterListing.OP -> m.reply(ClusterListing.answer(runs, body));
                default -> BusErrors.fail(m, new ApiError(ErrorCode.BAD_REQUEST, "unknown cluster operation"));
            }
        } catch (RuntimeException e) {
            BusErrors.fail(m, e);
        }
    }

    private RunSession session(JsonObject body) {
        String id = body.getString("run");
        RunSession s = runs.getForKey(id, body.getString("key"));
        if (s == null) throw new ApiError(ErrorCode.NOT_FOUND, "no run '" + id + "'");
        return s;
    }

    private void reply(Message<JsonObject> m, Future<?> answer) {
        answer.onComplete(ar -> {
            if (ar.succeeded()) m.reply(services.codec().encode(ar.result()));
            else BusErrors.fail(m, ar.cause());
        });
    }

    /**
     * A run placed here by a full node: admitted exactly as a {@code POST /v1/runs?wait=false}
     * would be (quotas, limits, 429/503), on {@code loop}.
     */
    private void submit(Message<JsonObject> m, JsonObject body, VertxEventLoop loop) {
        Principal principal = principals.apply(body.getString("key"));
        if (principal == null) throw new ApiError(ErrorCode.UNAUTHORIZED, "unknown API key");
        RunRequest request = services.codec().decode(body.getString("request"), RunRequest.class);
        runs.checkSource(request.source());
        RunManager.Effective limits = runs.effective(request.limits(), principal);
        var input = JsonValues.toValues(request.input());
        runs.admitAcrossCluster(principal).onComplete(ar -> {
            try {
                if (ar.failed()) throw ar.cause();
                RunSession s = runs.submit(principal, request.source(), limits, input, body.getString("ref"), loop, null);
                m.reply(services.codec().encode(s.snapshot()));
            } catch (Throwable e) {
                BusErrors.fail(m, e);
            }
        });
    }

    private void input(Message<JsonObject> m, JsonObject body) {
        RunSession s = session(body);
        String json = body.getString("value");
        Value value = json == null ? null
                : JsonValues.toValue(services.codec().inputValue(json.getBytes(StandardCharsets.UTF_8)));
        long bytes = body.getLong("bytes", 0L);
        boolean close = body.getBoolean("close", false);
        s.onContext(() -> {
            CompletableFuture<Void> f = value == null ? CompletableFuture.completedFuture(null) : s.offerInput(value, bytes);
            return f.thenRun(() -> {
                if (close) s.closeInput();
            });
        }).onComplete(ar -> {
            if (ar.failed()) BusErrors.fail(m, ar.cause());
            else ar.result().whenComplete((v, e) -> {
                if (e != null) BusErrors.fail(m, e);
                else m.reply("ok");
            });
        });
    }

    private void pull(Message<JsonObject> m, JsonObject body) {
        String follower = body.getString("follower");
        long after = body.getLong("after", 0L);
        int max = Math.max(1, Math.min(1024, body.getInteger("max", 256)));
        long waitMs = Math.max(0, Math.min(30_000, body.getLong("waitMs", 5_000L)));
        Relay known = relays.get(follower);
        RunSession s = known != null ? known.session() : session(body);
        s.onContext(() -> {
            Relay r = relays.get(follower);
            if (r == null) {
                RelaySink sink = new RelaySink(s.context(), services.config().writeQueueBytes);
                r = new Relay(s, sink);
                relays.put(follower, r);
                // attach replays the history after `after` into the sink and ends it if the run already has
                s.attach(sink, after, sink::gap);
            }
            Promise<JsonObject> reply = Promise.promise();
            r.sink().pull(after, max, waitMs, reply);
            Relay relay = r;
            reply.future().onComplete(ar -> {
                if (ar.result().getBoolean("finished", false)) relays.remove(follower, relay);
                m.reply(ar.result());
            });
            return null;
        }).onFailure(e -> BusErrors.fail(m, e));
    }

    private void stop(String follower) {
        Relay r = follower == null ? null : relays.remove(follower);
        if (r != null) release(r);
    }

    /** Lets the run go on without the reader of {@code r} (already out of {@link #relays}). */
    private void release(Relay r) {
        r.session().onContext(() -> {
            r.sink().close();
            r.session().detach(r.sink());
            return null;
        });
    }

    /**
     * Before this node leaves: completes once every reader on another node has pulled the last
     * events of its run (or after {@code timeoutMs}), so that a drained run's end reaches them
     * instead of a {@code node_lost}.
     */
    Future<Void> readOut(long timeoutMs) {
        Promise<Void> done = Promise.promise();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        checkReadOut(done, until);
        return done.future();
    }

    private void checkReadOut(Promise<Void> done, long until) {
        if (relays.isEmpty() || System.nanoTime() >= until) {
            done.tryComplete();
            return;
        }
        vertx.setTimer(50, t -> checkReadOut(done, until));
    }

    private void expireIdle() {
        long now = System.nanoTime();
        for (Map.Entry<String, Relay> e : relays.entrySet()) {
            Relay r = e.getValue();
            r.session().onContext(() -> {
                // remove(key, value): a relay that replaced this one under the same follower stays
                if (now - r.sink().lastPullNanos > TimeUnit.MILLISECONDS.toNanos(IDLE_MS)
                        && relays.remove(e.getKey(), r)) {
                    release(r);
                }
                return null;
            });
        }
    }
}
