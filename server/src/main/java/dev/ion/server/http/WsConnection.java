package dev.ion.server.http;

import dev.ion.engine.Value;
import dev.ion.protocol.ClientFrame;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.ServerFrame;
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
    private final IonServer server;
    private final RunManager runs;
    private final VertxEventLoop loop;
    private final Map<String, RunSession> owned = new LinkedHashMap<>();
    private final List<Runnable> drainWaiters = new ArrayList<>();
    private final WsMessageAssembler messages;
    private long pingTimer = -1;
    private long idleTimer = -1;
    private long lastFrame = System.nanoTime();
    private boolean readPaused;
    private boolean closed;

    WsConnection(ServerWebSocket ws, Principal principal, IonServer server, VertxEventLoop loop) {
        this.ws = ws;
        this.principal = principal;
        this.server = server;
        this.runs = server.runs();
        this.loop = loop;
        this.messages = new WsMessageAssembler(server.config().maxMessageBytes());
    }

    void open() {
        server.metrics().webSocketOpened();
        ws.setWriteQueueMaxSize(server.config().writeQueueBytes);
        ws.frameHandler(this::onFrame);
        ws.drainHandler(v -> onDrain());
        ws.pongHandler(b -> lastFrame = System.nanoTime());
        ws.exceptionHandler(e -> { });
        ws.closeHandler(v -> onClose());
        long interval = server.config().wsPingDuration().toMillis();
        if (interval > 0) {
            pingTimer = server.vertx().setPeriodic(interval, id -> {
                if (!ws.isClosed() && !queueFull()) ws.writePing(Buffer.buffer("ion"));
            });
        }
        armIdleTimer(server.config().wsIdleTimeoutDuration().toMillis());
    }

    private void armIdleTimer(long delayMs) {
        idleTimer = server.vertx().setTimer(Math.max(1, delayMs), id -> {
            long idle = server.config().wsIdleTimeoutDuration().toMillis();
            long silentMs = (System.nanoTime() - lastFrame) / 1_000_000;
            if (closed) return;
            if (silentMs >= idle) ws.close((short) 1001, "no frame from the client for " + server.config().wsIdleTimeout);
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
            server.netEvents().fire(NetEvents.WS_READ_PAUSED);
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
        fireDrain();
    }

    private void onText(String text) {
        ClientFrame frame;
        try {
            frame = runs.codec().decode(text, ClientFrame.class);
        } catch (ProtocolException e) {
            reject(WsMessageAssembler.refIn(text.substring(0, Math.min(text.length(), 4096))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), e.code(), e.getMessage());
            return;
        }
        try {
            if (frame instanceof ClientFrame.Run r) startRun(r);
            else if (frame instanceof ClientFrame.Send s) send(s);
            else if (frame instanceof ClientFrame.CloseInput c) withRun(c.run(), null, RunSession::closeInput);
            else if (frame instanceof ClientFrame.Cancel c) withRun(c.run(), null, RunSession::cancel);
            else if (frame instanceof ClientFrame.Ping p) write(runs.codec().encode(new ServerFrame.Pong(null, 0, p.ref())));
        } catch (ApiError e) {
            reject(frame instanceof ClientFrame.Run r ? r.ref() : null, e.code(), e.getMessage());
        }
    }

    private void startRun(ClientFrame.Run r) {
        runs.checkSource(r.source());
        RunManager.Effective limits = runs.effective(r.limits(), principal);
        List<Value> input = runs.toValues(r.input());
        Sink sink = new Sink();
        RunSession session = runs.submit(principal, r.source(), limits, input, r.ref(), loop, sink);
        if (!session.finished()) {
            owned.put(session.id(), session);
            session.done().whenComplete((res, e) -> owned.remove(session.id()));
        }
    }

    private void send(ClientFrame.Send s) {
        Value value = runs.toValue(s.value());
        long bytes = s.value() == null ? 4 : s.value().toString().length();
        withRun(s.run(), null, session -> session.offerInput(value, bytes).whenComplete((v, e) -> {
            if (e != null) {
                Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                loop.context().runOnContext(x -> reject(s.run(), null,
                        c instanceof ApiError a ? a.code() : ErrorCode.CONFLICT, c.getMessage()));
            }
        }));
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

    private void reject(String ref, ErrorCode code, String message) {
        reject(null, ref, code, message);
    }

    private void reject(String run, String ref, ErrorCode code, String message) {
        runs.metrics().rejected(code.wire());
        write(runs.codec().encode(ServerFrame.Error.rejected(run, ref, code, message)));
    }

    private void write(String json) {
        if (!closed && !ws.isClosed()) ws.writeTextMessage(json);
    }

    private void fireDrain() {
        List<Runnable> waiters = new ArrayList<>(drainWaiters);
        drainWaiters.clear();
        waiters.forEach(Runnable::run);
    }

    private void onClose() {
        if (closed) return;
        closed = true;
        server.metrics().webSocketClosed();
        if (pingTimer >= 0) server.vertx().cancelTimer(pingTimer);
        if (idleTimer >= 0) server.vertx().cancelTimer(idleTimer);
        fireDrain();
        for (RunSession s : new ArrayList<>(owned.values())) s.cancel();
        owned.clear();
    }

    /** Delivers one run's events into this socket (on this connection's context). */
    private final class Sink implements Subscriber {
        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public void deliver(RunSession.Event event) {
            write(event.json());
        }

        @Override
        public boolean full() {
            return queueFull();
        }

        @Override
        public void onDrain(Runnable r) {
            if (full()) drainWaiters.add(r);
            else r.run();
        }
    }
}
