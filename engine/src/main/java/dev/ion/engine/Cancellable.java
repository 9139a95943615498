package dev.ion.engine;

/** A handle to cancel something scheduled on an {@link EventLoop}. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
