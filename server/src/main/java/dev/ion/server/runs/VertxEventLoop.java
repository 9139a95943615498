package dev.ion.server.runs;


import dev.ion.engine.Cancellable;
import dev.ion.engine.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link EventLoop} on the Vert.x event-loop {@link Context} of one
 * the HTTP verticle: every run accepted by that verticle executes here, taking turns
 * with the verticle's HTTP and WebSocket work.
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
 */
public final class VertxEventLoop implements EventLoop {
    private final Vertx vertx;
    private final Context context;
    private final ContextInternal internal;
    private final io.netty.channel.EventLoop netty;
    /** Runnables waiting for the next pass; touched on the loop's thread only. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private boolean passScheduled;
    /** Longest a pass goes on starting new rounds before the loop polls its sockets. */
    static final long SLICE_NANOS = 1_000_000;

    public VertxEventLoop(Vertx vertx, Context context) {
        this.vertx = vertx;
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
        do {
            for (int n = ready.size(); n > 0; n--) {
                internal.dispatch(ready.poll());
            }
        } while (!ready.isEmpty() && System.nanoTime() - end < 0);
        passScheduled = false;
        if (!ready.isEmpty()) schedulePass();
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable r) {
        long id = vertx.setTimer(Math.max(1, delayMs), t -> {
            if (Vertx.currentContext() == context) r.run();
            else context.runOnContext(v -> r.run());
        });
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }
}
