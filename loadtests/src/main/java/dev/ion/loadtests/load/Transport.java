package dev.ion.loadtests.load;

import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * How runs reach the server: one instance per event loop, and every method is called on that
 * loop, so implementations keep their state without locks.
 */
interface Transport {
    /** Opens the connections this transport needs up front (WebSocket) or nothing (HTTP pools). */
    Future<Void> open();

    /** Starts run {@code r}; {@code done} gets null when it succeeded, else a short error kind. */
    void send(RunRequest r, Consumer<String> done);

    Future<Void> close();

    /** The error kind of a failed future: the exception's class, which names what went wrong on the wire. */
    static String ioKind(Throwable t) {
        return "io_" + t.getClass().getSimpleName();
    }
}
