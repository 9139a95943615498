package dev.ion.server.runs;

/**
 * Runs-per-minute quota: a bucket of {@code perMinute} tokens refilled continuously at
 * {@code perMinute / 60} tokens a second. Not thread-safe: {@link RunManager} guards it.
 */
final class TokenBucket {
    private final int capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.tokens = perMinute;
        this.last = nowNanos;
    }

    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    int limit() {
        return capacity;
    }

    int remaining(long nowNanos) {
        refill(nowNanos);
        return (int) Math.floor(tokens);
    }

    /** Whole seconds until one token is available (at least 1). */
    long secondsUntilToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) return 0;
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }

    /** Whole seconds until the bucket is full again. */
    long secondsUntilFull(long nowNanos) {
        refill(nowNanos);
        return (long) Math.ceil((capacity - tokens) / perNano / 1e9);
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
