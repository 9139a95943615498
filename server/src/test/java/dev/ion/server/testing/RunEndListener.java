package dev.ion.server.testing;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Listens on a JDK WebSocket to the server's protocol and completes {@link #end} with the first
 * whole text frame that ends a run (its result or error), or with the socket's failure.
 */
public final class RunEndListener implements WebSocket.Listener {
    /** The first result or error frame, as the server sent it. */
    public final CompletableFuture<String> end = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            if (frame.contains("\"type\":\"result\"") || frame.contains("\"type\":\"error\"")) end.complete(frame);
        }
        socket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        end.completeExceptionally(error);
    }
}
