package dev.ion.client;

import dev.ion.client.internal.Json;
import dev.ion.client.internal.Transport;
import dev.ion.client.internal.WsSocket;
import dev.ion.protocol.RunRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of one Ion Server: run scripts and wait for their result, start them and follow
 * their events over Server-Sent Events, or stream many at once over one WebSocket. It
 * depends only on the protocol module and the JDK's {@code java.net.http}. Thread-safe;
 * share one per server and {@link #close()} it when done.
 *
 * <pre>{@code
 * try (IonClient ion = IonClient.builder().baseUrl("http://127.0.0.1:8080").build()) {
 *     RunResult r = ion.run("[1, 2] + [3]");
 *     System.out.println(r.value());   // [1, 2, 3]
 * }
 * }</pre>
 */
public final class IonClient implements AutoCloseable {
    private final Transport transport;
    private final ExecutorService executor;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final int maxQueuedSends;
    private final long maxQueuedSendBytes;
    private WsSocket socket;
    private boolean closed;

    private IonClient(Builder b) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ion-client-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.connectTimeout = b.connectTimeout;
        this.pingInterval = b.pingInterval;
        this.maxQueuedSends = b.maxQueuedSends;
        this.maxQueuedSendBytes = b.maxQueuedSendBytes;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout)
                .executor(executor).build();
        this.transport = new Transport(http, b.baseUrl, b.apiKey, b.requestTimeout, b.retry, new Json(), executor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code source} and waits for it to finish (its {@code input} is closed: nobody can send to it). */
    public RunResult run(String source) {
        return run(RunRequest.of(source));
    }

    /** Runs {@code request} and waits for it to finish, successfully or not. */
    public RunResult run(RunRequest request) {
        return Transport.await(runAsync(request));
    }

    public CompletableFuture<RunResult> runAsync(String source) {
        return runAsync(RunRequest.of(source));
    }

    /** {@link #run(RunRequest)} without blocking; the future fails with an {@link IonClientException}. */
    public CompletableFuture<RunResult> runAsync(RunRequest request) {
        HttpRequest r = transport.request("/v1/runs").header("Content-Type", "application/json")
                .POST(Transport.body(transport.json().encode(request))).build();
        return transport.send(r, Transport.Safety.ADMISSION).thenApply(resp -> transport.json().result(resp.body()));
    }

    /** Like {@link #run(String)}, but a run that did not succeed throws {@link ScriptFailedException}. */
    public RunResult runOrThrow(String source) {
        return run(source).orThrow();
    }

    public RunResult runOrThrow(RunRequest request) {
        return run(request).orThrow();
    }

    /** Starts {@code source} without waiting; its {@code input} stays open until {@link RunHandle#closeInput()}. */
    public RunHandle start(String source) {
        return start(RunRequest.of(source));
    }

    /** Starts {@code request} without waiting ({@code POST /v1/runs?wait=false}). */
    public RunHandle start(RunRequest request) {
        HttpRequest r = transport.request("/v1/runs?wait=false").header("Content-Type", "application/json")
                .POST(Transport.body(transport.json().encode(request))).build();
        HttpResponse<byte[]> resp = Transport.await(transport.send(r, Transport.Safety.ADMISSION));
        return new RunHandle(transport, this, transport.json().result(resp.body()).id());
    }

    /** A handle on run {@code id}, started here or elsewhere (another client, a WebSocket, {@code curl}). */
    public RunHandle handle(String id) {
        return new RunHandle(transport, this, Objects.requireNonNull(id, "id"));
    }

    public RunStream stream(String source, StreamListener listener) {
        return stream(RunRequest.of(source), listener);
    }

    /**
     * Starts {@code request} on the client's WebSocket (opened on first use, shared by every
     * stream) and reports its events to {@code listener}. Returns at once; a refusal or a
     * socket that cannot open reaches {@link StreamListener#onError} and {@link RunStream#result()}.
     */
    public RunStream stream(RunRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        return socket().start(request, listener);
    }

    private synchronized WsSocket socket() {
        if (closed) throw new IonClientException("the client is closed");
        if (socket == null || socket.isGone()) {
            WsSocket[] self = new WsSocket[1];
            self[0] = WsSocket.open(transport, connectTimeout, pingInterval, maxQueuedSends, maxQueuedSendBytes,
                    () -> forget(self[0]));
            socket = self[0];
        }
        return socket;
    }

    private synchronized void forget(WsSocket s) {
        if (socket == s) socket = null;
    }

    /** The run {@code id} as it is now; 404 {@code not_found} for a run the server no longer keeps. */
    public RunResult get(String id) {
        HttpRequest r = transport.request(Transport.runPath(id)).GET().build();
        return transport.json().result(Transport.await(transport.send(r, Transport.Safety.IDEMPOTENT)).body());
    }

    /** Cancels run {@code id} (no effect on a finished run) and returns it. */
    public RunResult cancel(String id) {
        HttpRequest r = transport.request(Transport.runPath(id)).DELETE().build();
        return transport.json().result(Transport.await(transport.send(r, Transport.Safety.ONCE)).body());
    }

    /** The server's readiness ({@code GET /health/ready}): {@code ready}, or {@code draining}. */
    public Health health() {
        HttpRequest r = transport.request("/health/ready").GET().build();
        HttpResponse<byte[]> resp = Transport.await(transport.send(r, Transport.Safety.IDEMPOTENT,
                s -> s == 200 || s == 503));
        String status = transport.json().tree(new String(resp.body(), StandardCharsets.UTF_8))
                .path("status").asText(resp.statusCode() == 200 ? "ready" : "unavailable");
        return new Health(status);
    }

    /**
     * Closes the WebSocket (the server cancels the runs streaming on it), fails the calls still
     * waiting and the event streams still open with "the client is closed", and stops the
     * client's threads. Runs started over HTTP go on.
     */
    @Override
    public void close() {
        WsSocket s;
        synchronized (this) {
            if (closed) return;
            closed = true;
            s = socket;
            socket = null;
        }
        transport.close();
        if (s != null) s.close();
        executor.shutdown();
    }

    /** Settings of a new client; only {@link #baseUrl} is required. */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration pingInterval = Duration.ofSeconds(15);
        private int maxQueuedSends = 1024;
        private long maxQueuedSendBytes = 4L << 20;

        private Builder() {
        }

        /** {@code http://host:port} or {@code https://…} (a path prefix is kept). */
        public Builder baseUrl(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "baseUrl").trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: '" + url + "'");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be http://HOST[:PORT] or https://HOST[:PORT], got '" + url + "'");
            }
            String s = uri.toString();
            this.baseUrl = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            return this;
        }

        /** Sent as {@code Authorization: Bearer KEY}; null for a server without keys. */
        public Builder apiKey(String key) {
            this.apiKey = key == null || key.isBlank() ? null : key.trim();
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** The longest a request waits for its answer; a {@link #run} waits for the whole run (default 5 minutes). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** When to retry (default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} turns it off). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * How often the WebSocket is pinged (default 15 s), which keeps it alive through
         * proxies and finds a connection that died without a word, failing its streams.
         */
        public Builder webSocketPingInterval(Duration interval) {
            this.pingInterval = positive(interval, "webSocketPingInterval");
            return this;
        }

        /**
         * The most frames that may wait to be written on the WebSocket (default 1,024, the
         * server's {@code maxQueuedInputs}); a {@link RunStream#send} beyond it throws
         * {@link SendQueueFullException}.
         */
        public Builder maxQueuedSends(int frames) {
            if (frames <= 0) throw new IllegalArgumentException("maxQueuedSends must be positive");
            this.maxQueuedSends = frames;
            return this;
        }

        /**
         * The most bytes of frames that may wait to be written on the WebSocket (default 4 MiB,
         * the server's {@code maxQueuedInputBytes}); a {@link RunStream#send} beyond it throws
         * {@link SendQueueFullException}.
         */
        public Builder maxQueuedSendBytes(long bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("maxQueuedSendBytes must be positive");
            this.maxQueuedSendBytes = bytes;
            return this;
        }

        public IonClient build() {
            if (baseUrl == null) throw new IllegalStateException("baseUrl is required");
            return new IonClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
            return d;
        }
    }
}
