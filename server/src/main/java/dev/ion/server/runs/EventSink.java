package dev.ion.server.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's events go, with back-pressure: the one abstraction that a WebSocket and an SSE
 * response both adapt. A sink writes each event straight into its transport's write queue and
 * reports when that queue is full; the session then parks the emitting Ion task until
 * {@link #onDrain} fires, so the queue stays bounded. The waiting list lives here, once: an
 * adapter only says when its transport {@linkplain #drained drained} (or closed).
 */
public abstract class EventSink {
    private final List<Runnable> drainWaiters = new ArrayList<>();

    /** The transport's name in metrics: {@code websocket} or {@code sse}. */
    public abstract String transport();

    /** Writes one event (already encoded as the frame JSON). */
    public abstract void deliver(RunSession.Event event);

    /** True while the transport's write queue is above its bound. */
    public abstract boolean full();

    /** True once the reader has gone away (nothing more needs to be written). */
    public boolean gone() {
        return false;
    }

    /** The run has finished and its last event was delivered. */
    public void finished() {
    }

    /** Told each time a waiter starts waiting for this sink (tests await it). */
    protected void waiting() {
    }

    /** Runs {@code r} once, on any thread, when the write queue has drained (at once if it is not full). */
    public final void onDrain(Runnable r) {
        synchronized (this) {
            if (full()) {
                drainWaiters.add(r);
                waiting();
                return;
            }
        }
        r.run();
    }

    /** The transport's write queue drained or the transport closed: every waiter goes on. */
    protected final void drained() {
        List<Runnable> waiters;
        synchronized (this) {
            waiters = new ArrayList<>(drainWaiters);
            drainWaiters.clear();
        }
        waiters.forEach(Runnable::run);
    }
}
