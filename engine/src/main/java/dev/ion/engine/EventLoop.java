package dev.ion.engine;

/**
 * The embedder's event loop, on which runs execute. All three methods may be called
 * from the loop's own thread; {@link #execute} also from any other thread. Runnables
 * given to one loop must run one at a time, in order.
 */
public interface EventLoop {
    void execute(Runnable r);

    Cancellable schedule(long delayMs, Runnable r);

    long nowMillis();
}
