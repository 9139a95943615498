package dev.ion.server.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Moments of the network layer that are otherwise invisible from outside (a WebSocket
 * stopped reading, an SSE stream is waiting for its reader, a connection opened or closed), so
 * that tests can await them instead of sleeping. Costs one map lookup when nobody listens.
 */
final class NetEvents {
    static final String WS_READ_PAUSED = "ws.read.paused";
    static final String SSE_WAITING = "sse.waiting";
    static final String CONNECTION_OPENED = "connection.opened";
    static final String CONNECTION_CLOSED = "connection.closed";

    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code r} (on a server thread) every time {@code event} happens. */
    void on(String event, Runnable r) {
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(r);
    }

    void fire(String event) {
        List<Runnable> l = listeners.get(event);
        if (l != null) l.forEach(Runnable::run);
    }
}
