package dev.ion.server.http;

import dev.ion.engine.Value;
import dev.ion.protocol.ClientFrame;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.ServerFrame;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.Services;
import dev.ion.server.runs.EventSink;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RemoteRuns;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.RunSession;
import dev.ion.server.runs.VertxEventLoop;
import dev.ion.server.wire.ApiError;
import dev.ion.server.wire.JsonValues;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/ws} connection: many runs multiplexed on one socket. Runs started here
 * execute on this connection's verticle context and are cancelled when the socket closes.
 * All frames of all its runs share the socket's write queue: when it is full, every task
 * that emits an event parks until it drains, and the connection stops reading the client's
 * frames (so the answers to them — pongs, error frames — cannot pile up either) until it
 * drains. A frame the server cannot use gets an {@code error} frame and the socket stays
 * open; a breach of the WebSocket protocol itself (an oversized frame, invalid UTF-8) closes
 * it with 1009, 1007 or 1002. The server pings every {@code wsPingInterval} and closes a socket from which no
 * frame at all has arrived for {@code wsIdleTimeout}.
 */
final class WsConnection {
    private final ServerWebSocket ws;
    private final Principal principal;
    private final Services services;
    private final ServerConfig config;
    private final RunManager runs;
    private final RemoteRuns remote;
    private final NetEvents netEvents;
    private final Vertx vertx;
    private final VertxEventLoop loop;
    private final Map<String, RunSession> owned = new LinkedHashMap<>();
    private final Sink sink = new Sink();
    /** Runs started here but placed on another node, by id: cancelled with the socket like the owned ones. */
    private final Map<String, PlacedSink> placed = new LinkedHashMap<>();
    private final WsMessageAssembler messages;
    private long pingTimer = -1;
    private long idleTimer = -1;
    private long lastFrame = System.nanoTime();
    private final WsFlushConsolidation flushes;
    /** A flush is due when the drain of the run that wrote last ends. */
    private boolean flushAfterDrain;
    private boolean readPaused;
    private boolean closed;

    WsConnection(ServerWebSocket ws, WsFlushConsolidation flushes, Principal principal, Services services,
                 RunManager runs, RemoteRuns remote, NetEvents netEvents, VertxEventLoop loop) {
        this.remote = remote;
        this.ws = ws;
        this.flushes = flushes;
        this.principal = principal;
        this.services = services;
        this.config = services.config();
        this.runs = runs;
        this.netEvents = netEvents;
        this.vertx = loop.context().owner();
        this.loop = loop;
        this.messages = new WsMessageAssembler(config.maxMessageBytes());
    }

    void open() {
        services.metrics().webSocketOpened();
        ws.setWriteQueueMaxSize(config.writeQueueBytes);
        ws.frameHandler(this::onFrame);
        ws.drainHandler(v -> onDrain());
        ws.pongHandler(b -> lastFrame = System.nanoTime());
        ws.exceptionHandler(e -> { });
        ws.closeHandler(v -> onClose());
        long interval = config.wsPingDuration().toMillis();
        if (interval > 0) {
            pingTimer = vertx.setPeriodic(interval, id -> {
                if (!ws.isClosed() && !queueFull()) ws.writePing(Buffer.buffer("ion"));
            });
        }
        armIdleTimer(config.wsIdleTimeoutDuration().toMillis());
    }

    private void armIdleTimer(long delayMs) {
        idleTimer = vertx.setTimer(Math.max(1, delayMs), id -> {
            long idle = config.wsIdleTimeoutDuration().toMillis();
            long silentMs = (System.nanoTime() - lastFrame) / 1_000_000;
            if (closed) return;
            if (silentMs >= idle) ws.close((short) 1001, "no frame from the client for " + config.wsIdleTimeout);
            else armIdleTimer(idle - silentMs);
        });
    }

    private void onFrame(io.vertx.core.http.WebSocketFrame frame) {
        lastFrame = System.nanoTime();
        WsMessageAssembler.Outcome o = messages.add(frame);
        if (o instanceof WsMessageAssembler.Text t) onText(t.text());
        else if (o instanceof WsMessageAssembler.TooLarge big) {
            reject(big.ref(), ErrorCode.PAYLOAD_TOO_LARGE, "message larger than " + big.limit() + " bytes");
        } else if (o instanceof WsMessageAssembler.Binary) {
            reject(null, ErrorCode.BAD_REQUEST, "binary frames are not supported; send JSON text");
        }
        if (!readPaused && queueFull()) {
            readPaused = true;
            ws.pause();
            netEvents.fire(NetEvents.WS_READ_PAUSED);
        }
    }

    /** True while the socket's write queue is over its bound (false once it is closing: Vert.x throws then). */
    private boolean queueFull() {
        return !closed && !ws.isClosed() && ws.writeQueueFull();
    }

    private void onDrain() {
        if (readPaused && !closed) {
            readPaused = false;
            ws.resume();
        }
        sink.release();
        for (PlacedSink p : new ArrayList<>(placed.values())) p.release();
    }

    private void onText(String text) {
        ClientFrame frame;
        try {
            frame = services.codec().decode(text, ClientFrame.class);
        } catch (ProtocolException e) {
            reject(WsMessageAssembler.refIn(text.substring(0, Math.min(text.length(), 4096))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), e.code(), e.getMessage());
            return;
        }
        try {
            if (frame instanceof ClientFrame.Run r) startRun(r);
            else if (frame instanceof ClientFrame.Send s) send(s);
            else if (frame instanceof ClientFrame.CloseInput c) {
                if (!forwarded(c.run(), r -> r.input(c.run(), principal, null, 0, true))) {
                    withRun(c.run(), null, RunSession::closeInput);
                }
            } else if (frame instanceof ClientFrame.Cancel c) {
                if (!forwarded(c.run(), r -> r.cancel(c.run(), principal))) withRun(c.run(), null, RunSession::cancel);
            }
            else if (frame instanceof ClientFrame.Ping p) write(services.codec().encode(new ServerFrame.Pong(null, 0, p.ref())));
        } catch (ApiError e) {
            reject(frame instanceof ClientFrame.Run r ? r.ref() : null, e.code(), e.getMessage());
        }
    }

    private void startRun(ClientFrame.Run r) {
        runs.checkSource(r.source());
        RunManager.Effective limits = runs.effective(r.limits(), principal);
        List<Value> input = JsonValues.toValues(r.input());
        if (remote != null && runs.activeRuns() >= config.maxConcurrentRuns && !runs.draining()
                && remote.roomElsewhere()) {
            place(r);
            return;
        }
        runs.admitAcrossCluster(principal).onComplete(ar -> {
            try {
                if (ar.failed()) throw apiError(ar.cause());
                if (closed) {
                    runs.giveBackAcrossCluster(principal);
                    return;
                }
                RunSession session = runs.submit(principal, r.source(), limits, input, r.ref(), loop, sink);
                if (!session.finished()) {
                    owned.put(session.id(), session);
                    session.done().whenComplete((res, e) -> owned.remove(session.id()));
                }
            } catch (ApiError e) {
                reject(r.ref(), e.code(), e.getMessage());
            }
        });
    }

    /**
     * This node has no free slot (cluster mode): the run goes to the member with the most, and
     * its events are relayed into this socket, its {@code ref} on them as for a local run.
     */
    private void place(ClientFrame.Run r) {
        String request = services.codec().encode(new dev.ion.protocol.RunRequest(r.source(), r.limits(), r.input()));
        remote.place(principal, request, r.ref()).onComplete(ar -> {
            if (ar.failed()) {
                ApiError e = apiError(ar.cause());
                reject(r.ref(), e.code(), e.getMessage());
                return;
            }
            String id = ar.result().id();
            if (closed) {
                remote.cancel(id, principal);
                return;
            }
            PlacedSink placedSink = new PlacedSink(id);
            placed.put(id, placedSink);
            remote.follow(id, principal, 0, placedSink, null, null).onFailure(e -> {
                // the owner's first answer was an error: nothing will be relayed, so the client hears of it
                placed.remove(id);
                ApiError err = apiError(e);
                reject(id, r.ref(), err.code(), err.getMessage());
            });
        });
    }

    private void send(ClientFrame.Send s) {
        Value value = JsonValues.toValue(s.value());
        String json = s.value() == null ? "null" : s.value().toString();
        long bytes = json.length();
        if (forwarded(s.run(), r -> r.input(s.run(), principal, json, bytes, false))) return;
        withRun(s.run(), null, session -> session.offerInput(value, bytes).whenComplete((v, e) -> {
            if (e != null) {
                Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                loop.context().runOnContext(x -> reject(s.run(), null,
                        c instanceof ApiError a ? a.code() : ErrorCode.CONFLICT, c.getMessage()));
            }
        }));
    }

    /**
     * Applies {@code action} to the run's node when the run lives on another node of the
     * cluster (its failure becomes an {@code error} frame, as for a local run); false otherwise.
     */
    private boolean forwarded(String id, java.util.function.Function<RemoteRuns, io.vertx.core.Future<?>> action) {
        if (remote == null || id == null || owned.containsKey(id) || !remote.elsewhere(id)) return false;
        action.apply(remote).onFailure(e -> loop.context().runOnContext(x -> {
            ApiError err = apiError(e);
            reject(id, null, err.code(), err.getMessage());
        }));
        return true;
    }

    private void withRun(String id, String ref, java.util.function.Consumer<RunSession> action) {
        RunSession s = owned.get(id);
        if (s == null) s = runs.get(id, principal);
        if (s == null) throw new ApiError(ErrorCode.NOT_FOUND, "no run '" + id + "'");
        RunSession session = s;
        if (session.context() == loop.context()) action.accept(session);
        else session.onContext(() -> {
            action.accept(session);
            return null;
        });
    }

    /** {@code e} as the structured error a client gets: itself when it is one, else a bare 500 (no internals leak). */
    private static ApiError apiError(Throwable e) {
        return e instanceof ApiError a ? a : new ApiError(ErrorCode.INTERNAL, "internal error");
    }

    private void reject(String ref, ErrorCode code, String message) {
        reject(null, ref, code, message);
    }

    private void reject(String run, String ref, ErrorCode code, String message) {
        services.metrics().rejected(code.wire());
        write(services.codec().encode(ServerFrame.Error.rejected(run, ref, code, message)));
    }

    private void write(String json) {
        if (!closed && !ws.isClosed()) ws.writeTextMessage(json);
    }

    private void flushDrained() {
        flushAfterDrain = false;
        flushes.flush();
    }

    private void onClose() {
        if (closed) return;
        closed = true;
        services.metrics().webSocketClosed();
        if (pingTimer >= 0) vertx.cancelTimer(pingTimer);
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        sink.release();
        for (RunSession s : new ArrayList<>(owned.values())) s.cancel();
        owned.clear();
        for (PlacedSink p : new ArrayList<>(placed.values())) {
            p.release();
            remote.cancel(p.id, principal);
        }
        placed.clear();
    }

    /** The events of one placed run, relayed from its node into this socket. */
    private final class PlacedSink extends Sink {
        private final String id;

        PlacedSink(String id) {
            this.id = id;
        }

        @Override
        public boolean gone() {
            return closed;
        }

        @Override
        public void finished() {
            placed.remove(id);
        }
    }

    /** Delivers the events of this connection's runs into the socket (on this connection's context). */
    private class Sink extends EventSink {
        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public void deliver(RunSession.Event event) {
            write(event.json());
            if (!flushAfterDrain && loop.afterDrain(WsConnection.this::flushDrained)) flushAfterDrain = true;
        }

        @Override
        public boolean full() {
            return queueFull();
        }

        void release() {
            drained();
        }
    }
}
