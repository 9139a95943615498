package dev.ion.server.http;

import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorBody;
import dev.ion.protocol.ErrorCode;
import dev.ion.server.ops.ServerMetrics;
import dev.ion.server.ops.Services;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The timeouts and limits of one {@link ApiVerticle}'s connections, none of which Vert.x
 * offers as such: a connection must finish its first request head within
 * {@code headerTimeout}; with no request in flight it may stay open for
 * {@code keepAliveTimeout} (its next request head must be complete by then); beyond
 * {@link ConnectionLimits} a new connection is answered 503 if its request head comes at
 * once, else closed. All of it runs on the verticle's event loop.
 */
final class ConnectionHygiene {
    /** How long a refused connection is given to send the request that gets the 503. */
    private static final long REFUSED_GRACE_MS = 1000;

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final NetEvents events;
    private final Codec codec;
    private final ServerMetrics metrics;
    private final long headerTimeoutMs;
    private final long keepAliveMs;
    private final Map<HttpConnection, State> open = new IdentityHashMap<>();

    /**
     * One open connection. Its deadline is checked lazily: a request starting or ending only
     * moves {@link #deadline}, and the one timer of the connection, when it fires, closes it if
     * the deadline is in force and past, or waits again for what is left of it. So a
     * keep-alive connection costs no timer to set and cancel per request.
     */
    private static final class State {
        final String address;
        final String refusal;
        int inFlight;
        /** Whether {@link #deadline} is in force (no request in flight, or refused). */
        boolean waiting;
        /** {@link System#nanoTime} by which a request head must have come. */
        long deadline;
        long timer = -1;
        /** {@link System#nanoTime} at which {@link #timer} fires. */
        long timerAt;

        State(String address, String refusal) {
            this.address = address;
            this.refusal = refusal;
        }
    }

    ConnectionHygiene(Vertx vertx, Services services, ConnectionLimits limits, NetEvents events) {
        this.vertx = vertx;
        this.limits = limits;
        this.events = events;
        this.codec = services.codec();
        this.metrics = services.metrics();
        this.headerTimeoutMs = services.config().headerTimeoutDuration().toMillis();
        this.keepAliveMs = services.config().keepAliveTimeoutDuration().toMillis();
    }

    /** A new connection (before any request on it). */
    void opened(HttpConnection conn) {
        String address = conn.remoteAddress() == null || conn.remoteAddress().hostAddress() == null
                ? "unknown" : conn.remoteAddress().hostAddress();
        String refusal = limits.acquire(address);
        State s = new State(address, refusal);
        open.put(conn, s);
        // The channel's own close future: Vert.x stops calling the connection's close handler once
        // a WebSocket upgrade has replaced its pipeline handler, so that would leak the place.
        if (conn instanceof ConnectionBase base) {
            base.channelHandlerContext().channel().closeFuture().addListener(f -> closed(conn));
        } else {
            conn.closeHandler(v -> closed(conn));
        }
        arm(conn, s, refusal == null ? headerTimeoutMs : Math.min(headerTimeoutMs, REFUSED_GRACE_MS));
        events.fire(NetEvents.CONNECTION_OPENED);
    }

    private void closed(HttpConnection conn) {
        State s = open.remove(conn);
        if (s == null) return;
        s.waiting = false;
        if (s.timer >= 0) vertx.cancelTimer(s.timer);
        s.timer = -1;
        if (s.refusal == null) limits.release(s.address);
        events.fire(NetEvents.CONNECTION_CLOSED);
    }

    /**
     * A complete request head arrived; false when the connection is over a limit (the 503
     * is on its way and the connection closes after it).
     */
    boolean requestStarted(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        State s = open.get(conn);
        if (s == null) return true;
        s.waiting = false;
        if (s.refusal != null) {
            metrics.rejected("too_many_connections");
            req.response().setStatusCode(ErrorCode.OVERLOADED.httpStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", "1")
                    .end(codec.encode(ErrorBody.of(ErrorCode.OVERLOADED, s.refusal)))
                    .onComplete(x -> conn.close());
            return false;
        }
        s.inFlight++;
        return true;
    }

    /**
     * A request head that could not be decoded. One cut short by the connection closing gets
     * no answer at all: Vert.x has counted it as an active request already, and only a
     * response that was never ended makes it count the request as reset when the connection
     * closes (its default handler answers 400 into the closed socket and the
     * {@code vertx_http_server_active_requests} gauge never comes down). Others get a 4xx
     * with a JSON error, and the connection is closed.
     */
    void invalidRequest(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        if (cause instanceof PrematureChannelClosureException) return;
        int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String why = cause == null || cause.getMessage() == null ? "unreadable" : cause.getMessage();
        metrics.rejected("malformed_request");
        HttpConnection conn = req.connection();
        req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(codec.encode(ErrorBody.of(ErrorCode.BAD_REQUEST, "malformed request head: " + why)))
                .onComplete(x -> conn.close());
    }

    /** The response to a request on {@code conn} has ended (or the connection closed). */
    void requestEnded(HttpConnection conn) {
        State s = open.get(conn);

        if (s == null || --s.inFlight > 0) return;
        s.inFlight = 0;
        arm(conn, s, keepAliveMs);
    }

    /**
     * Puts a deadline {@code ms} from now in force; the connection's timer is set only when
     * none is pending or the pending one would fire after the new deadline.
     */
    private void arm(HttpConnection conn, State s, long ms) {
        long delayMs = Math.max(1, ms);
        s.deadline = System.nanoTime() + delayMs * 1_000_000;
        s.waiting = true;
        if (s.timer >= 0 && s.timerAt - s.deadline > 0) {
            vertx.cancelTimer(s.timer);
            s.timer = -1;
        }
        if (s.timer < 0) schedule(conn, s, delayMs);
    }

    private void schedule(HttpConnection conn, State s, long delayMs) {
        s.timerAt = System.nanoTime() + delayMs * 1_000_000;
        s.timer = vertx.setTimer(delayMs, id -> {
            s.timer = -1;
            if (!s.waiting || open.get(conn) != s) return; // a request is in flight: armed again when it ends
            long left = s.deadline - System.nanoTime();
            if (left > 0) schedule(conn, s, Math.max(1, (left + 999_999) / 1_000_000));
            else if (s.inFlight == 0 || s.refusal != null) conn.close();
        });
    }
}
