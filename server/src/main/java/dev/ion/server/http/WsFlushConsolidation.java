package dev.ion.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lets the frames a run streams share socket writes. Vert.x flushes every frame written
 * outside a read of the socket, and a run's events are written from its task on the event
 * loop, so each event cost a {@code writev} of its own. Netty's
 * {@link FlushConsolidationHandler} turns those flushes into one per
 * {@value #FLUSHES_PER_WRITE} frames, and flushes the rest once the event loop has finished
 * the task that wrote them (no timer), when the channel stops being writable (so the
 * write-queue bound and its back-pressure work as before), and before it closes.
 * {@link #flush} flushes at once, past the handler: {@link WsConnection} calls it when the run
 * that wrote ends its drain, so that its frames need not wait for the other runs of the pass.
 * The frames themselves are unchanged: one event per text frame.
 */
final class WsFlushConsolidation {
    /** Frames per socket write while a task keeps writing (Netty's default). */
    static final int FLUSHES_PER_WRITE = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

    /** The handler's own context: a flush issued here goes on to the socket. */
    private final ChannelHandlerContext handler;

    private WsFlushConsolidation(ChannelHandlerContext handler) {
        this.handler = handler;
    }

    /**
     * Adds the handler on the tail side of the upgraded connection's frame encoder (on its
     * event loop), so that a TLS handler nearer the socket also sees one flush per batch.
     */
    static WsFlushConsolidation install(HttpConnection conn) {
        if (!(conn instanceof ConnectionBase base)) return new WsFlushConsolidation(null);
        ChannelPipeline p = base.channelHandlerContext().pipeline();
        ChannelHandlerContext encoder = p.context(WebSocketFrameEncoder.class);
        if (encoder == null) return new WsFlushConsolidation(null);
        p.addAfter(encoder.name(), "ion-ws-flush", new FlushConsolidationHandler(FLUSHES_PER_WRITE, true));
        return new WsFlushConsolidation(p.context("ion-ws-flush"));
    }

    /** Writes what the frames written so far left pending (on the connection's event loop). */
    void flush() {
        if (handler != null && !handler.isRemoved()) handler.flush();
    }
}
