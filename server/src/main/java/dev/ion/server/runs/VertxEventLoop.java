package dev.ion.server.runs;


import dev.ion.engine.Cancellable;
import dev.ion.engine.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link EventLoop} on one Vert.x event-loop {@link Context}: that of an HTTP
 * verticle (every run it accepts executes here, taking turns with its HTTP and WebSocket
 * work) or, in cluster mode, that of the endpoint taking runs placed here by other nodes.
 *
 * <p>Script work does not go into Netty's task queue directly: Netty runs that queue until it
 * is empty or a time budget (1 s by default, 100 ms at the least) is spent, and a busy run
 * re-queues itself after every turn, so the queue is never empty and the loop's sockets
 * would wait the whole budget. Instead the runnables wait in {@link #ready} and one pass
 * over them is scheduled as a due timer task; Netty polls its sockets before each batch of
 * due timer tasks. A pass goes round the ready runs (one scheduler drain each: at most 256
 * task turns of the engine's quantum) until they are all parked or {@link #SLICE_NANOS} is
 * spent, so the network is looked at at least every millisecond and a drain, and a lone busy
 * run does not pay a socket poll per turn.
 *
 * <p>What a drain wrote to a socket is flushed when that drain ends ({@link #afterDrain}), not
 * when the whole pass does: a pass can run many drains, and the first run's answer would
 * otherwise wait for all of them.
 */
public final class VertxEventLoop implements EventLoop {
    private final Context context;
    private final ContextInternal internal;
    private final io.netty.channel.EventLoop netty;
    /** Runnables waiting for the next pass; touched on the loop's thread only. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private boolean passScheduled;
    private boolean inPass;
    /** Actions to run once the drain under way returns; touched on the loop's thread only. */
    private final java.util.ArrayList<Runnable> afterDrain = new java.util.ArrayList<>();
    /** Longest a pass goes on starting new rounds before the loop polls its sockets. */
    static final long SLICE_NANOS = 1_000_000;

    public VertxEventLoop(Context context) {
        this.context = context;
        this.internal = (ContextInternal) context;
        this.netty = internal.nettyEventLoop();
    }

    public Context context() {
        return context;
    }

    @Override
    public void execute(Runnable r) {
        if (netty.inEventLoop()) {
            enqueue(r);
            return;
        }
        try {
            netty.execute(() -> enqueue(r));
        } catch (RejectedExecutionException closing) {
            // the server is shutting down: its runs are cut off with the loop
        }
    }

    private void enqueue(Runnable r) {
        ready.add(r);
        if (!passScheduled) schedulePass();
    }

    private void schedulePass() {
        try {
            netty.schedule(this::pass, 0, TimeUnit.NANOSECONDS);
            passScheduled = true;
        } catch (RejectedExecutionException closing) {
            // the server is shutting down: its runs are cut off with the loop
        }
    }

    /** Rounds over what is ready (what a round makes ready waits for the next round) for one slice. */
    private void pass() {
        long end = System.nanoTime() + SLICE_NANOS;
        inPass = true;
        try {
            do {
                for (int n = ready.size(); n > 0; n--) {
                    internal.dispatch(ready.poll());
                    if (!afterDrain.isEmpty()) runAfterDrain();
                }
            } while (!ready.isEmpty() && System.nanoTime() - end < 0);
        } finally {
            inPass = false;
            if (!afterDrain.isEmpty()) runAfterDrain();
        }
        passScheduled = false;
        if (!ready.isEmpty()) schedulePass();
    }

    /**
     * Runs {@code action} once the run's drain under way on this loop returns (on the loop's
     * thread), e.g. to flush what the drain wrote; false, and nothing is kept, when called
     * outside a pass (the caller's own task then ends soon enough).
     */
    public boolean afterDrain(Runnable action) {
        if (!inPass || !netty.inEventLoop()) return false;
        afterDrain.add(action);
        return true;
    }

    private void runAfterDrain() {
        for (int i = 0; i < afterDrain.size(); i++) internal.dispatch(afterDrain.get(i));
        afterDrain.clear();
    }

    /**
     * A timer on the loop's own Netty scheduler rather than a Vert.x timer: every run arms
     * two (the engine's deadline and the server's hard deadline) and almost always cancels
     * both, and a Vert.x timer costs a shared map entry and a handler object each time.
     */
    @Override
    public Cancellable schedule(long delayMs, Runnable r) {
        java.util.concurrent.ScheduledFuture<?> f;
        try {
            f = netty.schedule(() -> internal.dispatch(r), Math.max(1, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return () -> { }; // the server is shutting down: its runs are cut off with the loop
        }
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }
}
