package dev.ion.client;

import java.util.concurrent.CompletableFuture;

/**
 * A run started over the client's WebSocket by {@link IonClient#stream}. {@link #send},
 * {@link #closeInput} and {@link #cancel} may be called at once: until the server has named
 * the run they are held, then sent in the order they were made. Thread-safe.
 */
public interface RunStream {
    /** The run's id once the server started it, else null. */
    String id();

    /** Completes with the run's id when it starts, or exceptionally when it is refused. */
    CompletableFuture<String> started();

    /**
     * Puts {@code value} (a {@code JsonNode} or anything Jackson can write as JSON) into the run's
     * {@code input}. Never blocks: when the frames waiting to be written on the client's WebSocket
     * reach the client's bound, it throws {@link SendQueueFullException} and sends nothing.
     */
    void send(Object value);

    /** Closes the run's {@code input}: once drained, {@code input.recv()} returns None. */
    void closeInput();

    /** Cancels the run: it ends with an {@code onError} whose kind is {@code cancelled}. */
    void cancel();

    /** Completes with the finished run, or exceptionally with what {@code onError} got. */
    CompletableFuture<RunResult> result();
}
