package dev.ion.server.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Collects the body of the routes that take JSON ({@code POST /v1/runs} and its input) as
 * Vert.x Web's {@code BodyHandler} does for them — no body without {@code Content-Length} or
 * {@code Transfer-Encoding}; 413 at once when the length is over the limit, else as soon as
 * what arrived is; {@code Expect: 100-continue} answered, other expectations 417; a body that
 * cannot be decoded 400 — but without its form and file-upload handling, which these routes
 * never use and which cost, per trivial run, as much as the rest of the route's plumbing.
 */
final class JsonBodyHandler implements Handler<RoutingContext> {
    /** The initial buffer of a body with no announced length (as BodyHandler's). */
    private static final int INITIAL_BUFFER = 1024;
    /** The most a body's announced length preallocates (as BodyHandler's). */
    private static final int MAX_PREALLOCATED = 65535;

    private final long limit;

    /** {@code limit}: the most bytes a body may have; -1 (as BodyHandler's) for no limit. */
    JsonBodyHandler(long limit) {
        this.limit = limit == -1 ? Long.MAX_VALUE : limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RoutingContextInternal internal = (RoutingContextInternal) ctx;
        if (internal.seenHandler(RoutingContextInternal.BODY_HANDLER)) { // a reroute: the body is there already
            ctx.next();
            return;
        }
        internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
        HttpServerRequest request = ctx.request();
        long length = contentLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length == -1 && request.version() != HttpVersion.HTTP_2
                && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            ctx.next(); // no body
            return;
        }
        if (length > limit) {
            ctx.fail(413);
            return;
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                ctx.fail(417);
                return;
            }
            if (request.version() != HttpVersion.HTTP_1_0) ctx.response().writeContinue();
        }
        if (request.isEnded()) {
            ctx.fail(new VertxException("the body handler was reached after the request had ended", true));
            return;
        }
        Collector c = new Collector(ctx, length);
        request.handler(c).endHandler(c::end).exceptionHandler(c::failed).resume();
    }

    private static long contentLength(String header) {
        if (header == null || header.isEmpty()) return -1;
        try {
            long n = Long.parseLong(header);
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body of one request as it arrives. */
    private final class Collector implements Handler<Buffer> {
        private final RoutingContext ctx;
        private Buffer body;
        private long size;
        private boolean failed;

        Collector(RoutingContext ctx, long length) {
            this.ctx = ctx;
            // an announced length means a body, if an empty one: never null then
            if (length != -1) body = Buffer.buffer((int) Math.min(Math.min(length, MAX_PREALLOCATED), limit));
        }

        @Override
        public void handle(Buffer chunk) {
            if (failed) return;
            size += chunk.length();
            if (size > limit) {
                failed = true;
                ctx.fail(413);
                return;
            }
            if (body == null) body = Buffer.buffer((int) Math.min(INITIAL_BUFFER, limit));
            body.appendBuffer(chunk);
        }

        void failed(Throwable t) {
            if (t instanceof DecoderException) {
                ctx.fail(400, t.getCause() != null ? t.getCause() : t);
            } else {
                ctx.fail(t);
            }
        }

        void end(Void v) {
            if (failed || ctx.failed()) return;
            ((RoutingContextInternal) ctx).setBody(body);
            body = null;
            ctx.next();
        }
    }
}
