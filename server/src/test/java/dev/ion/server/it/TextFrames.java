package dev.ion.server.it;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JDK WebSocket listener that puts each whole text message (its fragments joined) into a
 * queue, so that a test awaits the server's frames one by one.
 */
public final class TextFrames implements WebSocket.Listener {
    public final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        w.request(1);
        return null;
    }
}
