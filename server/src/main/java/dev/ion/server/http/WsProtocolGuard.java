package dev.ion.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Turns a frame the server must refuse into a close frame with a code and a reason, instead
 * of the bare TCP close that Vert.x does on any decoding error: a frame over the size limit
 * gets 1009, invalid UTF-8 in a text message 1007 (checked here, Vert.x does not), other
 * protocol violations 1002. Installed right after the WebSocket frame decoder.
 */
final class WsProtocolGuard extends ChannelInboundHandlerAdapter {
    private final int maxFrameBytes;

    private WsProtocolGuard(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Adds the UTF-8 check and the guard behind the upgraded connection's frame decoder (on its event loop). */
    static void install(HttpConnection conn, int maxFrameBytes) {
        if (!(conn instanceof ConnectionBase base)) return;
        ChannelPipeline p = base.channelHandlerContext().pipeline();
        ChannelHandlerContext decoder = p.context(WebSocketFrameDecoder.class);
        if (decoder == null) return;
        p.addAfter(decoder.name(), "ion-ws-utf8", new Utf8FrameValidator(false));
        // behind the encoder too, so that the close frame written from here gets encoded
        ChannelHandlerContext encoder = p.context(WebSocketFrameEncoder.class);
        String after = "ion-ws-utf8";
        if (encoder != null && p.names().indexOf(encoder.name()) > p.names().indexOf(after)) after = encoder.name();
        p.addAfter(after, "ion-ws-guard", new WsProtocolGuard(maxFrameBytes));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException bad)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (!ctx.channel().isActive()) return;
        WebSocketCloseStatus status = bad.closeStatus();
        String reason;
        if (status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            reason = "frame larger than " + maxFrameBytes + " bytes";
        } else if (status.code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()) {
            reason = "text frame is not valid UTF-8";
        } else {
            String m = bad.getMessage() == null ? status.reasonText() : bad.getMessage();
            reason = "protocol error: " + (m.length() > 100 ? m.substring(0, 100) : m);
        }
        // closed from here, not from the channel's tail: Vert.x would turn that into a second close frame (1000)
        ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(f -> ctx.close());
    }
}
