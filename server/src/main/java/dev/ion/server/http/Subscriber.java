package dev.ion.server.http;

/**
 * Where a run's events go: a WebSocket or an SSE response. A subscriber writes straight
 * into its transport's write queue and reports when that queue is full, so the session
 * can park the emitting Ion task until {@link #onDrain} fires — the queue stays bounded.
 */
interface Subscriber {
    /** The transport's name in metrics: {@code websocket} or {@code sse}. */
    String transport();

    /** Writes one event (already encoded as the frame JSON). */
    void deliver(RunSession.Event event);

    /** True while the transport's write queue is above its bound. */
    boolean full();

    /** Runs {@code r} once, on any thread, when the write queue has drained (at once if it is not full). */
    void onDrain(Runnable r);

    /** True once the reader has gone away (nothing more needs to be written). */
    default boolean gone() {
        return false;
    }

    /** The run has finished and its last event was delivered. */
    default void finished() {
    }
}
