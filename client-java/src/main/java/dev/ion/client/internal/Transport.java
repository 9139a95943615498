package dev.ion.client.internal;

import dev.ion.client.IonClientException;
import dev.ion.client.RetryPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The HTTP side of the client: builds requests with the API key and timeouts, sends them,
 * retries the ones the {@link RetryPolicy} allows and turns refusals into typed exceptions.
 */
public final class Transport {
    /** How safe it is to send a request again. */
    public enum Safety {
        /** A GET: any failure to get an answer, and 502/503/504, may be retried. */
        IDEMPOTENT,
        /** A request that starts a run: retried when it never got through or got 503 (nothing was admitted). */
        ADMISSION,
        /** Anything else: retried only when the connection was never made. */
        ONCE
    }

    private final HttpClient http;
    private final String base;
    private final String apiKey;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Json json;
    private final Executor executor;
    private volatile boolean closed;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<InputStream> openStreams = ConcurrentHashMap.newKeySet();

    public Transport(HttpClient http, String base, String apiKey, Duration requestTimeout, RetryPolicy retry, Json json,
                     Executor executor) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.json = json;
        this.executor = executor;
    }

    public Json json() {
        return json;
    }

    public HttpClient http() {
        return http;
    }

    public String base() {
        return base;
    }

    public String apiKey() {
        return apiKey;
    }

    public Executor executor() {
        return executor;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The path of run {@code id}: the id is one path segment, whatever characters it holds. */
    public static String runPath(String id) {
        if (Objects.requireNonNull(id, "id").isEmpty()) throw new IllegalArgumentException("a run id must not be empty");
        return "/v1/runs/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * From now on every request fails with "the client is closed", and so do those in flight
     * and the event streams open: the executor their answers would complete on is shut down.
     */
    public void close() {
        closed = true;
        for (CompletableFuture<?> f : inFlight) f.completeExceptionally(closedError());
        for (InputStream in : openStreams) release(in);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Throws "the client is closed" once {@link #close()} has run. */
    public void checkOpen() {
        if (closed) throw closedError();
    }

    private static IonClientException closedError() {
        return new IonClientException("the client is closed");
    }

    /** {@code future} as the caller sees it: failed by {@link #close()} if that comes first. */
    private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        CompletableFuture<T> tracked = new CompletableFuture<>();
        inFlight.add(tracked);
        tracked.whenComplete((r, e) -> inFlight.remove(tracked));
        future.whenComplete((r, e) -> {
            if (e != null) {
                tracked.completeExceptionally(e);
            } else if (!tracked.complete(r) && r instanceof HttpResponse<?> late && late.body() instanceof InputStream in) {
                release(in);
            }
        });
        if (closed) tracked.completeExceptionally(closedError());
        return tracked;
    }

    /** Closes an event stream's body (which ends a read blocked on it) and forgets it. */
    public void release(InputStream in) {
        openStreams.remove(in);
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is being dropped anyway
        }
    }

    /** A request to {@code path} (from the base URL) with the API key and the request timeout. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return b;
    }

    /** A request without a timeout, for a stream of events that may stay quiet for long. */
    public HttpRequest.Builder streamRequest(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return b;
    }

    public static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** Sends {@code request}; an answer of 400 or more fails the future unless {@code accept} takes its status. */
    public CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, Safety safety, IntPredicate accept) {
        return track(attempt(request, safety, accept, 1));
    }

    public CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, Safety safety) {
        return send(request, safety, s -> s < 400);
    }

    private CompletableFuture<HttpResponse<byte[]>> attempt(HttpRequest request, Safety safety, IntPredicate accept,
                                                            int attempt) {
        if (closed) return CompletableFuture.failedFuture(closedError());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            IonClientException error;
            boolean retryable;
            Duration retryAfter = null;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                error = Errors.fromIo(cause, base);
                retryable = Errors.notConnected(cause) || safety == Safety.IDEMPOTENT && cause instanceof IOException;
            } else if (accept.test(response.statusCode())) {
                return CompletableFuture.completedFuture(response);
            } else {
                int status = response.statusCode();
                String retryHeader = response.headers().firstValue("Retry-After").orElse(null);
                error = Errors.fromHttp(status, new String(response.body(), StandardCharsets.UTF_8), retryHeader, json);
                retryAfter = Errors.parseRetryAfter(retryHeader);
                retryable = status == 503 && safety != Safety.ONCE
                        || safety == Safety.IDEMPOTENT && (status == 502 || status == 504);
            }
            Duration wait = retryable ? retry.delayBefore(attempt, retryAfter, ThreadLocalRandom.current().nextDouble()) : null;
            if (wait == null) return CompletableFuture.<HttpResponse<byte[]>>failedFuture(error);
            // not on the client's executor: once close() shuts it down, a retry waiting there would never run nor fail
            Executor later = CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> attempt(request, safety, accept, attempt + 1));
        }).thenCompose(f -> f);
    }

    /** Sends a streaming GET once (the caller retries); answers of 400 or more become exceptions. */
    public HttpResponse<InputStream> openStream(HttpRequest request) throws InterruptedException {
        checkOpen();
        HttpResponse<InputStream> response;
        try {
            response = track(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())).get();
        } catch (ExecutionException e) {
            throw Errors.fromIo(unwrap(e), base);
        }
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw Errors.fromHttp(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null), json);
        }
        openStreams.add(response.body());
        if (closed) {
            release(response.body());
            throw closedError();
        }
        return response;
    }

    /** Waits for {@code future}, rethrowing its {@link IonClientException} as it is. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IonClientException("interrupted while waiting for the server", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof IonClientException ice) throw ice;
            throw Errors.fromIo(cause, "the server");
        }
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
