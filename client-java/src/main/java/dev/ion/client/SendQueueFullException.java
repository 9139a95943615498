package dev.ion.client;

import java.time.Duration;

/**
 * A {@link RunStream#send} refused by the client itself: the frames waiting to be written on
 * its WebSocket already reach {@link IonClient.Builder#maxQueuedSends} frames or
 * {@link IonClient.Builder#maxQueuedSendBytes} bytes, because the network or the server
 * takes them more slowly than they are sent. {@code send} never blocks (a listener that
 * waited here could deadlock against the server's own back-pressure), so the caller backs
 * off: the value was not sent, the stream goes on, and frames already queued still go out in
 * order. {@link #limit()} names the bound that was hit. A {@link RateLimitedException} with
 * code {@code rate_limited} and no HTTP status, so code that backs off on a 429 handles it too.
 */
public final class SendQueueFullException extends RateLimitedException {
    /** A hint only: the queue drains as fast as the network and the server take its frames. */
    static final Duration RETRY_AFTER = Duration.ofMillis(100);

    private final String limit;
    private final long max;

    public SendQueueFullException(String limit, long max) {
        super("the client's WebSocket send queue is full (" + limit + " = " + max
                + "): the server takes frames more slowly than they are sent; back off and send again", 0,
                "rate_limited", RETRY_AFTER);
        this.limit = limit;
        this.max = max;
    }

    /** The bound that was hit: {@code maxQueuedSends} or {@code maxQueuedSendBytes}. */
    public String limit() {
        return limit;
    }

    /** That bound's value (frames, or bytes). */
    public long max() {
        return max;
    }
}
