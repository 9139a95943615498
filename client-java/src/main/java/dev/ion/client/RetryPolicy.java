package dev.ion.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before trying a request again. Retries happen only
 * where a second attempt cannot do anything twice: a connection that was refused or never
 * opened, a 503 answer to a request that starts a run (the server admitted nothing), any
 * GET, and a Server-Sent Events stream that broke (resumed with {@code Last-Event-ID}).
 * Everything else — input, cancel, a run that may have started — is tried once.
 *
 * <p>The wait before retry {@code n} (1-based) is {@code initialBackoff × multiplier^(n-1)},
 * at most {@code maxBackoff}, spread by ±{@code jitter} so that many clients do not come
 * back at once; a server's {@code Retry-After} is waited out when it is longer. When the
 * server asks for a wait longer than {@code maxBackoff} the client gives up at once and
 * reports it ({@link RateLimitedException#retryAfter()}, {@link ServerUnavailableException#retryAfter()}).
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) throw new IllegalArgumentException("backoff must not be negative");
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /**
     * 4 attempts, waiting 200 ms, 400 ms, 800 ms (±20 %), never more than 2 s: an overloaded
     * server ({@code Retry-After: 1}) is tried again, a draining one ({@code Retry-After: 5})
     * is reported at once.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2), 2.0, 0.2);
    }

    /** Every request is tried once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0);
    }

    /** {@code maxAttempts} attempts in all (the first included), backing off from {@code initial} up to {@code max}. */
    public static RetryPolicy of(int maxAttempts, Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, Objects.requireNonNull(initial), Objects.requireNonNull(max), 2.0, 0.2);
    }

    public RetryPolicy withMultiplier(double multiplier) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
    }

    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * How long to wait before attempt {@code attempt + 1} after attempt {@code attempt}
     * (1-based) failed, or null to give up. {@code retryAfter} is the server's wish (or
     * null); {@code random} is a number in [0, 1) that places the wait within the jitter.
     */
    public Duration delayBefore(int attempt, Duration retryAfter, double random) {
        if (attempt >= maxAttempts) return null;
        if (retryAfter != null && retryAfter.compareTo(maxBackoff) > 0) return null;
        double base = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        base = Math.min(base, maxBackoff.toNanos());
        double spread = base * jitter * (2 * random - 1);
        long nanos = (long) Math.min(maxBackoff.toNanos(), Math.max(0, base + spread));
        Duration wait = Duration.ofNanos(nanos);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + "]";
    }
}
