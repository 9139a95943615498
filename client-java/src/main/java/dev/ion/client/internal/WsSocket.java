package dev.ion.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.client.ConnectionLostException;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;
import dev.ion.client.StreamListener;
import dev.ion.protocol.RunRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The client's one {@code /v1/ws} socket and the runs multiplexed on it. Runs are matched
 * to their frames by {@code ref} until the server names them, then by run id. The socket
 * is read one message at a time: the next is requested only after the listener of the
 * current one has returned, so a slow listener leaves data in the socket and the server's
 * bounded write queue, whose runs then wait — nothing piles up here. When the socket closes
 * or fails, every run still open on it fails with a {@link dev.ion.client.ConnectionLostException}.
 * A WebSocket ping every {@code pingInterval} finds a connection that died silently: the
 * JDK's socket can miss an end of stream that arrives while a listener is busy, but a
 * write to a dead connection fails. Frames waiting to be written are bounded by a
 * {@link SendBound}: input beyond it is refused with a {@link dev.ion.client.SendQueueFullException}.
 */
public final class WsSocket implements WebSocket.Listener {
    private final Json json;
    private final String server;
    private final Runnable onGone;
    private final Map<String, WsRun> byRef = new ConcurrentHashMap<>();
    private final Map<String, WsRun> byRun = new ConcurrentHashMap<>();
    private final AtomicLong refs = new AtomicLong();
    private final Duration pingInterval;
    private final Executor executor;
    private final CompletableFuture<WebSocket> opened;
    private final StringBuilder partial = new StringBuilder();
    private final SendBound bound;
    private CompletableFuture<?> sending;
    private IonClientException goneWith;
    private CompletableFuture<Void> nextPing;

    private WsSocket(Json json, String server, Runnable onGone, HttpClient http, URI uri, String apiKey,
                     Duration connectTimeout, Duration pingInterval, Executor executor, SendBound bound) {
        this.json = json;
        this.bound = bound;
        this.server = server;
        this.onGone = onGone;
        this.pingInterval = pingInterval;
        this.executor = executor;
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        this.opened = b.buildAsync(uri, this);
        this.sending = opened;
        opened.whenComplete((ws, e) -> {
            if (e != null) gone(openFailure(Transport.unwrap(e)));
            else heartbeat();
        });
    }

    /**
     * Schedules the next ping. The wait is a future that {@link #gone} cancels, which takes
     * it off the JDK's timer: a pending ping would otherwise keep a closed client (its
     * HttpClient and selector thread) alive until the ping's time.
     */
    private void heartbeat() {
        if (pingInterval == null) return;
        CompletableFuture<Void> tick = new CompletableFuture<>();
        synchronized (this) {
            if (goneWith != null) return;
            nextPing = tick;
        }
        tick.completeOnTimeout(null, pingInterval.toMillis(), TimeUnit.MILLISECONDS).thenRunAsync(() -> {
            if (isGone()) return;
            bound.force(3);
            enqueue(ws -> ws.sendPing(ByteBuffer.wrap(new byte[] {'i', 'o', 'n'})), 3);
            heartbeat();
        }, executor);
    }

    /**
     * Opens a socket to {@code base}'s {@code /v1/ws}; {@code onGone} runs once it is closed or
     * failed. At most {@code maxQueuedSends} input frames and {@code maxQueuedSendBytes} bytes
     * wait to be written.
     */
    public static WsSocket open(Transport t, Duration connectTimeout, Duration pingInterval, int maxQueuedSends,
                                long maxQueuedSendBytes, Runnable onGone) {
        String ws = t.base().replaceFirst("^http", "ws") + "/v1/ws";
        return new WsSocket(t.json(), t.base(), onGone, t.http(), URI.create(ws), t.apiKey(), connectTimeout,
                pingInterval, t.executor(), new SendBound(maxQueuedSends, maxQueuedSendBytes));
    }

    private IonClientException openFailure(Throwable t) {
        if (t instanceof WebSocketHandshakeException h) {
            var response = h.getResponse();
            Object body = response.body();
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : body == null ? null : body.toString();
            return Errors.fromHttp(response.statusCode(), text, response.headers().firstValue("Retry-After").orElse(null),
                    json);
        }
        return Errors.fromIo(t, server);
    }

    /** Starts {@code request} on this socket, reporting to {@code listener}. */
    public WsRun start(RunRequest request, StreamListener listener) {
        WsRun run = new WsRun("r" + refs.incrementAndGet(), listener, this, json);
        IonClientException gone;
        synchronized (this) {
            gone = goneWith;
            if (gone == null) byRef.put(run.ref(), run);
        }
        if (gone != null) {
            run.fail(gone);
            return run;
        }
        send(json.runFrame(run.ref(), request));
        return run;
    }

    public synchronized boolean isGone() {
        return goneWith != null;
    }

    /** Sends one control frame after the ones before it (the JDK socket takes one send at a time); never refused. */
    void send(String frame) {
        long size = SendBound.utf8Length(frame);
        bound.force(size);
        enqueue(ws -> ws.sendText(frame, true), size);
    }

    /** Takes room for an input frame of about {@code size} bytes; throws {@code SendQueueFullException} when there is none. */
    void reserve(long size) {
        bound.take(size);
    }

    /** Gives back room {@link #reserve}d for a frame that will not be sent. */
    void unreserve(long size) {
        bound.release(size);
    }

    /** Sends an input frame for which {@code size} bytes were {@link #reserve}d, after the frames before it. */
    void sendReserved(String frame, long size) {
        enqueue(ws -> ws.sendText(frame, true), size);
    }

    private synchronized void enqueue(Function<WebSocket, CompletableFuture<WebSocket>> write, long size) {
        if (goneWith != null) {
            bound.release(size);
            return;
        }
        sending = sending.handle((x, e) -> null).thenCompose(x -> opened).thenCompose(write).whenComplete((ws, e) -> {
            bound.release(size);
            if (e != null && opened.isCompletedExceptionally()) {
                // the socket never opened: say why (401, 503, refused), whichever callback runs first
                opened.exceptionally(t -> {
                    gone(openFailure(Transport.unwrap(t)));
                    return null;
                });
            } else if (e != null && !isGone()) {
                Throwable cause = Transport.unwrap(e);
                gone(new ConnectionLostException("the WebSocket to " + server + " failed: "
                        + Errors.reason(cause), cause));
                opened.thenAccept(WebSocket::abort);
            }
        });
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                dispatch(text);
            } catch (RuntimeException e) {
                gone(e instanceof IonClientException ice ? ice : new IonClientException("cannot handle a frame: " + Errors.reason(e), e));
                ws.abort();
                return null;
            }
        }
        ws.request(1);
        return null;
    }

    private void dispatch(String text) {
        JsonNode f = json.tree(text);
        String type = f.path("type").asText("");
        String run = f.path("run").asText(null);
        String ref = f.path("ref").asText(null);
        if (type.equals("pong")) return;
        if (type.equals("error") && !f.has("status")) {
            JsonNode d = f.path("error");
            IonClientException e = Errors.fromFrame(d.path("code").asText(null), d.path("message").asText(null));
            WsRun refused = run == null && ref != null ? byRef.remove(ref) : null;
            if (refused != null) {
                refused.fail(e);
            } else if (run != null && byRun.get(run) != null) {
                byRun.get(run).sendRefused(e);
            }
            return;
        }
        RunEvent e = json.event(f);
        if (e instanceof RunEvent.Started s) {
            WsRun r = ref == null ? null : byRef.remove(ref);
            if (r == null) return;
            byRun.put(s.run(), r);
            r.started(s);
            if (r.done()) byRun.remove(s.run());
            return;
        }
        WsRun r = run == null ? null : byRun.get(run);
        if (r == null || e == null) return;
        r.deliver(e);
        if (e instanceof RunEvent.Finished || r.done()) byRun.remove(run);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        gone(new ConnectionLostException("the server closed the WebSocket (" + code
                + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")", null));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        gone(new ConnectionLostException("the WebSocket to " + server + " failed: "
                + Errors.reason(error), error));
    }

    /** Closes the socket (the server cancels its runs) and fails the runs still open. */
    public void close() {
        gone(new IonClientException("the client was closed"));
        opened.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
                .orTimeout(5, TimeUnit.SECONDS).whenComplete((x, e) -> ws.abort()));
    }

    private void gone(IonClientException e) {
        List<WsRun> open;
        synchronized (this) {
            if (goneWith != null) return;
            goneWith = e;
            if (nextPing != null) nextPing.cancel(false);
            open = new ArrayList<>(byRef.values());
            open.addAll(byRun.values());
            byRef.clear();
            byRun.clear();
        }
        onGone.run();
        for (WsRun r : open) r.fail(e);
    }
}
