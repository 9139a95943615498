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
 * that emits an event parks until it drains. A frame the server cannot use gets an
 * {@code error} frame and the socket stays open. The server pings every
 * {@code wsPingInterval} and closes a socket that has not answered for three intervals.
 */
final class WsConnection {
    private final ServerWebSocket ws;
    private final Principal principal;
    private final IonServer server;
    private final RunManager runs;
    private final VertxEventLoop loop;
    private final Map<String, RunSession> owned = new LinkedHashMap<>();
    private final List<Runnable> drainWaiters = new ArrayList<>();
    private long pingTimer = -1;
    private long lastPong = System.nanoTime();
    private boolean closed;

    WsConnection(ServerWebSocket ws, Principal principal, IonServer server, VertxEventLoop loop) {
        this.ws = ws;
        this.principal = principal;
        this.server = server;
        this.runs = server.runs();
        this.loop = loop;
    }

    void open() {
        server.metrics().webSocketOpened();
        ws.setWriteQueueMaxSize(server.config().writeQueueBytes);
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> reject(null, ErrorCode.BAD_REQUEST, "binary frames are not supported; send JSON text"));
        ws.drainHandler(v -> fireDrain());
        ws.pongHandler(b -> lastPong = System.nanoTime());
        ws.exceptionHandler(e -> { });
        ws.closeHandler(v -> onClose());
        long interval = server.config().wsPingDuration().toMillis();
        if (interval > 0) {
            pingTimer = server.vertx().setPeriodic(interval, id -> {
                if (System.nanoTime() - lastPong > 3 * interval * 1_000_000L) {
                    ws.close((short) 1001, "no pong");
                } else if (!ws.isClosed()) {
                    ws.writePing(Buffer.buffer("ion"));
                }
            });
        }
    }

    private void onText(String text) {
        lastPong = System.nanoTime();
        ClientFrame frame;
        try {
            frame = runs.codec().decode(text, ClientFrame.class);
        } catch (ProtocolException e) {
            reject(refOf(text), e.code(), e.getMessage());
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

    /** The {@code ref} of a frame that failed to decode, when it is readable at all. */
    private String refOf(String text) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            return node != null && node.path("ref").isTextual() ? node.get("ref").asText() : null;
        } catch (Exception e) {
            return null;
        }
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
        fireDrain();
        for (RunSession s : new ArrayList<>(owned.values())) s.cancel();
        owned.clear();
    }

    /** Delivers one run's events into this socket (on this connection's context). */
    private final class Sink implements Subscriber {
        @Override
        public void deliver(RunSession.Event event) {
            write(event.json());
        }

        @Override
        public boolean full() {
            return !closed && ws.writeQueueFull();
        }

        @Override
        public void onDrain(Runnable r) {
            if (full()) drainWaiters.add(r);
            else r.run();
        }
    }
}
