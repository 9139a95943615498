package dev.ion.server.http;

import dev.ion.server.runs.EventSink;
import dev.ion.server.runs.RunSession;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * Adapts one {@code GET /v1/runs/{id}/events} response to a run's {@link EventSink}: each event
 * becomes an SSE record ({@code id:} = seq, {@code event:} = type, {@code data:} = the frame JSON),
 * and the response's drain and close handlers release what waits on it.
 */
final class SseSink extends EventSink {
    private final HttpServerResponse response;
    private final Runnable waiting;
    private Runnable onClose;

    SseSink(HttpServerResponse response, Runnable waiting) {
        this.response = response;
        this.waiting = waiting;
        response.drainHandler(v -> drained());
        response.closeHandler(v -> {
            drained();
            Runnable r;
            synchronized (this) {
                r = onClose;
                onClose = null;
            }
            if (r != null) r.run();
        });
    }

    /** What to do when the client goes away (runs at once if it already has). */
    void onClose(Runnable r) {
        synchronized (this) {
            if (!response.closed()) {
                onClose = r;
                return;
            }
        }
        r.run();
    }

    /**
     * An explicit {@code gap} event (no {@code id:}, so a resuming reader's place is not
     * moved): the events {@code from..to} were dropped from the history before it read them.
     */
    void gap(String run, long from, long to) {
        if (!gone()) {
            response.write("event: gap\ndata: {\"type\":\"gap\",\"run\":\"" + run + "\",\"from\":" + from
                    + ",\"to\":" + to + "}\n\n");
        }
    }

    /** A keep-alive comment, skipped while the reader is behind (the queue is full anyway). */
    void keepAlive() {
        if (!gone() && !response.writeQueueFull()) response.write(": keep-alive\n\n");
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public boolean gone() {
        return response.closed() || response.ended();
    }

    @Override
    public void deliver(RunSession.Event e) {
        if (gone()) return;
        response.write("id: " + e.seq() + "\nevent: " + e.type() + "\ndata: " + e.json() + "\n\n",
                StandardCharsets.UTF_8.name());
    }

    @Override
    public boolean full() {
        return !gone() && response.writeQueueFull();
    }

    @Override
    protected void waiting() {
        waiting.run();
    }

    @Override
    public void finished() {
        if (!gone()) response.end();
    }
}
