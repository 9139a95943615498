package dev.ion.server.http;

import dev.ion.engine.Cancellable;
import dev.ion.engine.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The engine's {@link EventLoop} on the Vert.x event-loop {@link Context} of one
 * {@link ApiVerticle}: every run accepted by that verticle executes here, taking turns
 * with the verticle's HTTP and WebSocket work through the engine's quantum.
 */
public final class VertxEventLoop implements EventLoop {
    private final Vertx vertx;
    private final Context context;

    public VertxEventLoop(Vertx vertx, Context context) {
        this.vertx = vertx;
        this.context = context;
    }

    public Context context() {
        return context;
    }

    @Override
    public void execute(Runnable r) {
        context.runOnContext(v -> r.run());
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
