package dev.ion.client;

import java.time.Duration;

/**
 * The key's quota (runs in flight, runs per minute, its share of the server) or a run's
 * queued input is used up (HTTP 429 {@code rate_limited}); {@link #retryAfter()} says when
 * trying again can help.
 */
public class RateLimitedException extends IonClientException {
    private final Duration retryAfter;

    public RateLimitedException(String message, int status, String code, Duration retryAfter) {
        super(message, status, code, null);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or null when it sent none (a WebSocket refusal has none). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
