package dev.ion.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A channel the host feeds and a running script reads as a global receiver (for
 * example the server's {@code input}). Safe to use from any thread.
 */
public interface InputChannel {
    String name();

    /** The channel's id, as {@link RunListener#onRecv} reports it for values received from it. */
    long channelId();

    /** Sends a value; the future completes when the channel accepted it (or fails if it is closed). */
    CompletableFuture<Void> offer(Value value);

    /** Closes the channel: the script's {@code recv()} returns None once it is drained. */
    void close();
}
