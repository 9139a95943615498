package dev.ion.server.http;

import dev.ion.engine.Value;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorBody;
import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.OpenApi;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.RunResponse;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.Services;
import dev.ion.server.ops.TlsFiles;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RemoteRuns;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.RunSession;
import dev.ion.server.runs.VertxEventLoop;
import dev.ion.server.wire.ApiError;
import dev.ion.server.wire.JsonValues;
import dev.ion.server.wire.RunJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP and WebSocket front of the server, deployed once per event loop. Each instance
 * binds the same port (Vert.x spreads connections across them) and runs the scripts it
 * accepts on its own event-loop context through a {@link VertxEventLoop}. Routes are the
 * method references below; {@link #failure} turns every exception into the protocol's
 * error body.
 */
public final class ApiVerticle extends VerticleBase {
    static final String PRINCIPAL = "ion.principal";
    static final String RUN_ID = "ion.run";

    private final IonServer server;
    private final int port;
    private final Services services;
    private final RunManager runs;
    private final Codec codec;
    private final ServerConfig config;
    private final WebPages pages;
    private HttpServer http;
    private VertxEventLoop loop;
    private volatile int actualPort;

    public ApiVerticle(IonServer server, int port) {
        this.server = server;
        this.port = port;
        this.services = server.services();
        this.runs = server.runs();
        this.codec = services.codec();
        this.config = services.config();
        this.pages = server.pages();
    }

    public int actualPort() {
        return actualPort;
    }

    @Override
    public Future<?> start() {
        loop = new VertxEventLoop(context);
        Router router = Router.router(vertx);
        ConnectionHygiene hygiene = new ConnectionHygiene(vertx, services, server.connections(), server.netEvents());
        router.route().handler(ctx -> {
            var conn = ctx.request().connection();
            ctx.addEndHandler(ar -> hygiene.requestEnded(conn));
            ctx.next();
        });
        router.route().handler(this::logRequest);
        if (!config.corsOrigins.isEmpty()) {
            CorsHandler cors = CorsHandler.create();
            if (config.corsOrigins.contains("*")) cors.addOrigin("*");
            else cors.addOrigins(config.corsOrigins);
            cors.allowedMethods(java.util.Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
                    .allowedHeaders(java.util.Set.of("Authorization", "Content-Type", "Last-Event-ID"))
                    .exposedHeaders(java.util.Set.of("Location", "Retry-After", "RateLimit-Limit",
                            "RateLimit-Remaining", "RateLimit-Reset"));
            router.route().handler(ctx -> {
                if (Origins.same(ctx.request().getHeader(HttpHeaders.ORIGIN), ctx.request().isSSL(),
                        ctx.request().authority())) {
                    ctx.next();
                } else {
                    cors.handle(ctx);
                }
            });
        }
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        router.get("/v1/openapi.yaml").handler(this::openApi);
        pages.mount(router);
        router.route("/v1/*").handler(this::authenticate);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes);
        router.post("/v1/runs").handler(body).handler(this::requireJson).handler(this::createRun);
        router.get("/v1/runs").handler(this::listRuns);
        router.get("/v1/runs/:id").handler(this::getRun);
        router.delete("/v1/runs/:id").handler(this::cancelRun);
        router.post("/v1/runs/:id/input").handler(body).handler(this::postInput);
        router.get("/v1/runs/:id/events").handler(this::events);
        router.get("/v1/ws").handler(this::webSocket);
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> error(ctx, new ApiError(ErrorCode.NOT_FOUND,
                "no route for " + ctx.request().method() + " " + ctx.request().path())));
        router.errorHandler(405, ctx -> error(ctx, new ApiError(ErrorCode.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed on " + ctx.request().path())));
        router.errorHandler(500, this::failure);

        long lagPeriod = 100;
        long[] expected = {System.nanoTime() + lagPeriod * 1_000_000};
        vertx.setPeriodic(lagPeriod, id -> {
            long now = System.nanoTime();
            services.metrics().loopLag(now - expected[0]);
            expected[0] = now + lagPeriod * 1_000_000;
        });

        HttpServerOptions options = TlsFiles.serverOptions(config).setHost(config.host).setPort(port)
                .setMaxWebSocketFrameSize(maxWebSocketFrameBytes())
                .setMaxWebSocketMessageSize(config.maxMessageBytes())
                .setWebSocketSubProtocols(java.util.List.of(WsKeyProtocol.PROTOCOL))
                .setCompressionSupported(false)
                // No permessage-deflate (browsers offer it): the UTF-8 check of WsProtocolGuard sits
                // before any inflater and would close every compressed text message with 1007, and
                // the message size limits would bound the compressed size, not what is inflated.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // HTTP/1.1 only: with cleartext HTTP/2 on, Vert.x waits for a connection's first
                // bytes before it tells the connection handler, so silent connections escape
                // the header timeout and the connection limits.
                .setHttp2ClearTextEnabled(false);
        http = vertx.createHttpServer(options).connectionHandler(hygiene::opened)
                .invalidRequestHandler(hygiene::invalidRequest).requestHandler(req -> {
            if (hygiene.requestStarted(req)) router.handle(req);
        });
        return http.listen().onSuccess(s -> actualPort = s.actualPort());
    }

    private int maxWebSocketFrameBytes() {
        return Math.max(65536, config.maxMessageBytes());
    }

    @Override
    public Future<?> stop() {
        return http.shutdown(1, TimeUnit.SECONDS);
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private void logRequest(RoutingContext ctx) {
        long t0 = System.nanoTime();
        ctx.addEndHandler(v -> {
            if (ctx.request().path().startsWith("/health") || ctx.request().path().equals("/metrics")) return;
            Principal p = ctx.get(PRINCIPAL);
            services.log().info("request", "method", ctx.request().method().name(), "path", ctx.request().path(),
                    "status", ctx.response().getStatusCode(), "durationMs", (System.nanoTime() - t0) / 1_000_000,
                    "run", ctx.get(RUN_ID), "key", p == null ? null : p.name());
        });
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        if (ctx.request().path().equals("/v1/openapi.yaml")) {
            ctx.next();
            return;
        }
        if (!server.keyed()) { // no API keys: anonymous, without looking at any header
            ctx.put(PRINCIPAL, server.authenticate(null));
            ctx.next();
            return;
        }
        try {
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null && ctx.request().path().equals("/v1/ws")) {
                authorization = WsKeyProtocol.bearer(ctx.request().headers().getAll(WsKeyProtocol.HEADER));
            }
            ctx.put(PRINCIPAL, server.authenticate(authorization));
            ctx.next();
        } catch (ApiError e) {
            error(ctx, e);
        }
    }

    private void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(type)) {
            services.metrics().rejected("unsupported_media_type");
            error(ctx, new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'")));
            return;
        }
        ctx.next();
    }

    /** True when the media type of a Content-Type value (parameters and surrounding blanks aside) is application/json. */
    static boolean isJson(String type) {
        if (type == null) return false;
        int end = type.indexOf(';');
        if (end < 0) end = type.length();
        int start = 0;
        while (start < end && type.charAt(start) <= ' ') start++;
        while (end > start && type.charAt(end - 1) <= ' ') end--;
        if (end - start != JSON.length()) return false;
        for (int i = 0; i < JSON.length(); i++) {
            char c = type.charAt(start + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != JSON.charAt(i)) return false;
        }
        return true;
    }

    private static final String JSON = "application/json";

    private void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        if (t instanceof ApiError e) {
            error(ctx, e);
        } else if (t instanceof ProtocolException p) {
            services.metrics().rejected(p.code().wire());
            error(ctx, new ApiError(p.code(), p.getMessage()));
        } else if (ctx.statusCode() == 413) {
            services.metrics().rejected("payload_too_large");
            error(ctx, new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "body is larger than " + config.maxBodyBytes + " bytes"));
        } else if (ctx.statusCode() == 400) {
            error(ctx, new ApiError(ErrorCode.BAD_REQUEST, t == null ? "bad request"
                    : dev.ion.protocol.UserText.clean(t.getMessage(), "bad request")));
        } else if (ctx.statusCode() == 403) {
            services.metrics().rejected("forbidden");
            error(ctx, new ApiError(ErrorCode.FORBIDDEN, "origin " + ctx.request().getHeader(HttpHeaders.ORIGIN)
                    + " is not allowed (corsOrigins lists the origins that are)"));
        } else if (ctx.statusCode() == 404) {
            error(ctx, new ApiError(ErrorCode.NOT_FOUND, "not found"));
        } else if (ctx.statusCode() == 405) {
            error(ctx, new ApiError(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed"));
        } else {
            services.log().warn("internal error", "path", ctx.request().path(), "error", String.valueOf(t));
            error(ctx, new ApiError(ErrorCode.INTERNAL, "internal error"));
        }
    }

    static void respondError(HttpServerResponse response, Codec codec, ApiError e) {
        if (response.ended() || response.closed()) return;
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.setStatusCode(e.code().httpStatus());
        e.headers().forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(codec.encode(ErrorBody.of(e.code(), e.getMessage())));
    }

    private void error(RoutingContext ctx, ApiError e) {
        respondError(ctx.response(), codec, e);
    }

    private void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended() || ctx.response().closed()) return;
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body instanceof RunResponse run ? RunJson.encode(codec, run) : codec.encode(body));
    }

    private RunSession lookup(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.put(RUN_ID, id);
        RunSession s = runs.get(id, ctx.get(PRINCIPAL));
        if (s == null) throw new ApiError(ErrorCode.NOT_FOUND, "no run '" + id + "'");
        return s;
    }

    /** The other nodes' runs when {@code ctx}'s run id names one of them (cluster mode), else null. */
    private RemoteRuns elsewhere(RoutingContext ctx) {
        RemoteRuns remote = server.remote();
        String id = ctx.pathParam("id");
        if (remote == null || !remote.elsewhere(id)) return null;
        ctx.put(RUN_ID, id);
        return remote;
    }

    private void answer(RoutingContext ctx, Future<?> response) {
        response.onComplete(ar -> {
            if (ar.succeeded()) json(ctx, 200, ar.result());
            else ctx.fail(ar.cause());
        });
    }

    // ---- routes -------------------------------------------------------------------------------

    private void live(RoutingContext ctx) {
        json(ctx, 200, Map.of("status", "up"));
    }

    private void ready(RoutingContext ctx) {
        if (runs.draining()) json(ctx, 503, Map.of("status", "draining"));
        else json(ctx, 200, Map.of("status", "ready"));
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(services.metrics().scrape());
    }

    private void openApi(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(OpenApi.yaml());
    }

    private void createRun(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "empty body: expected {\"source\": \"...\"}");
        }
        RunRequest request = codec.decode(ctx.body().buffer().getBytes(), RunRequest.class);
        runs.checkSource(request.source());
        RunManager.Effective limits = runs.effective(request.limits(), principal);
        var input = JsonValues.toValues(request.input());
        String waitParam = ctx.request().query() == null ? null : ctx.queryParams().get("wait");
        boolean wait = waitParam == null || !waitParam.equalsIgnoreCase("false");
        RemoteRuns remote = server.remote();
        if (remote != null && runs.activeRuns() >= config.maxConcurrentRuns && !runs.draining()
                && remote.roomElsewhere()) {
            place(ctx, remote, principal, wait, input != null);
            return;
        }
        runs.admitAcrossCluster(principal).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            try {
                start(ctx, principal, request, limits, input, wait);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }

    /**
     * This node has no free slot but another member has: the run goes to the member with the
     * most (cluster mode). Should those slots be taken meanwhile, the 503 is the cluster's; any
     * other refusal is the chosen node's.
     */
    private void place(RoutingContext ctx, RemoteRuns remote, Principal principal, boolean wait, boolean inputGiven) {
        remote.place(principal, ctx.body().asString(), null).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            String id = ar.result().id();
            ctx.put(RUN_ID, id);
            if (!wait) {
                ctx.response().putHeader(HttpHeaders.LOCATION, "/v1/runs/" + id);
                json(ctx, 202, ar.result());
                return;
            }
            ctx.response().closeHandler(v -> remote.cancel(id, principal));
            RunEnd end = new RunEnd();
            // as for a local waiting run: the client cannot send input, so what it did not give is closed
            Future<Void> closed = inputGiven ? Future.succeededFuture() : remote.input(id, principal, null, 0, true);
            closed.compose(v -> remote.follow(id, principal, 0, end, null, null))
                    .compose(v -> end.future())
                    .compose(v -> remote.snapshot(id, principal))
                    .onComplete(r -> {
                        if (r.succeeded()) json(ctx, 200, r.result());
                        else ctx.fail(r.cause());
                    });
        });
    }

    /** Waits for a placed run's end on behalf of a {@code wait=true} client (its events are not needed). */
    private static final class RunEnd extends dev.ion.server.runs.EventSink {
        private final io.vertx.core.Promise<Void> end = io.vertx.core.Promise.promise();

        Future<Void> future() {
            return end.future();
        }

        @Override
        public String transport() {
            return "http";
        }

        @Override
        public void deliver(RunSession.Event event) {
        }

        @Override
        public boolean full() {
            return false;
        }

        @Override
        public void finished() {
            end.tryComplete();
        }
    }

    private void start(RoutingContext ctx, Principal principal, RunRequest request, RunManager.Effective limits,
                       java.util.List<Value> input, boolean wait) {
        HttpServerResponse response = ctx.response();
        RunSession session;
        try {
            session = runs.submit(principal, request.source(), limits, input, null, loop, null);
        } finally {
            Map<String, String> rate = runs.rateHeaders(principal, System.nanoTime());
            if (!rate.isEmpty()) {
                rate.forEach((k, v) -> {
                    if (!response.headers().contains(k)) response.putHeader(k, v);
                });
            }
        }
        ctx.put(RUN_ID, session.id());
        // A waiting client cannot send input (it learns the run's id only with the result), so
        // an input it did not give up front is closed now: input.recv() returns None at once.
        if (wait && input == null) session.closeInput();
        if (!wait) {
            response.putHeader(HttpHeaders.LOCATION, "/v1/runs/" + session.id());
            json(ctx, 202, session.snapshot());
            return;
        }
        response.closeHandler(v -> {
            if (!session.finished()) session.cancel();
        });
        session.done().whenComplete((r, e) -> json(ctx, 200, r));
    }

    /** Default and largest page size of {@code GET /v1/runs}. */
    static final int LIST_DEFAULT = 50;
    static final int LIST_MAX = 500;

    private void listRuns(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        String limitParam = ctx.queryParams().get("limit");
        int limit = LIST_DEFAULT;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > LIST_MAX) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "limit must be a number from 1 to " + LIST_MAX + ", got '"
                        + limitParam + "'");
            }
        }
        RemoteRuns remote = server.remote();
        if (remote != null) {
            answer(ctx, remote.list(principal, limit, ctx.queryParams().get("cursor")));
            return;
        }
        json(ctx, 200, runs.list(principal, limit, ctx.queryParams().get("cursor")));
    }

    private void getRun(RoutingContext ctx) {
        RemoteRuns remote = elsewhere(ctx);
        if (remote != null) {
            answer(ctx, remote.snapshot(ctx.pathParam("id"), ctx.get(PRINCIPAL)));
            return;
        }
        RunSession s = lookup(ctx);
        s.onContext(s::snapshot).onComplete(ar -> {
            if (ar.succeeded()) json(ctx, 200, ar.result());
            else ctx.fail(ar.cause());
        });
    }

    private void cancelRun(RoutingContext ctx) {
        RemoteRuns remote = elsewhere(ctx);
        if (remote != null) {
            answer(ctx, remote.cancel(ctx.pathParam("id"), ctx.get(PRINCIPAL)));
            return;
        }
        RunSession s = lookup(ctx);
        s.onContext(s::cancel).onComplete(ar -> {
            if (ar.succeeded()) json(ctx, 200, ar.result());
            else ctx.fail(ar.cause());
        });
    }

    private void postInput(RoutingContext ctx) {
        RemoteRuns remote = elsewhere(ctx);
        RunSession s = remote == null ? lookup(ctx) : null;
        boolean close = "true".equalsIgnoreCase(ctx.queryParams().get("close"));
        boolean hasBody = ctx.body().buffer() != null && ctx.body().length() > 0;
        if (!hasBody && !close) throw new ApiError(ErrorCode.BAD_REQUEST, "expected a JSON value as the body");
        if (hasBody) {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
            }
        }
        Value value = hasBody ? JsonValues.toValue(codec.inputValue(ctx.body().buffer().getBytes())) : null;
        long bytes = hasBody ? ctx.body().length() : 0;
        if (remote != null) {
            remote.input(ctx.pathParam("id"), ctx.get(PRINCIPAL), hasBody ? ctx.body().asString() : null, bytes, close)
                    .onComplete(ar -> {
                        if (ar.failed()) ctx.fail(ar.cause());
                        else ctx.response().setStatusCode(204).end();
                    });
            return;
        }
        s.onContext(() -> {
            java.util.concurrent.CompletableFuture<Void> f = value == null
                    ? java.util.concurrent.CompletableFuture.completedFuture(null) : s.offerInput(value, bytes);
            return f.thenRun(() -> {
                if (close) s.closeInput();
            });
        }).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ar.result().whenComplete((v, e) -> context.runOnContext(x -> {
                if (e != null) ctx.fail(e);
                else ctx.response().setStatusCode(204).end();
            }));
        });
    }

    private void events(RoutingContext ctx) {
        RemoteRuns remote = elsewhere(ctx);
        RunSession s = remote == null ? lookup(ctx) : null;
        long after = 0;
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last != null && !last.isBlank()) {
            try {
                after = Long.parseLong(last.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "Last-Event-ID must be a number, got '" + last + "'");
            }
        }
        if (remote != null) {
            remoteEvents(ctx, remote, after);
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(config.writeQueueBytes);
        SseSink sub = new SseSink(response, () -> server.netEvents().fire(NetEvents.SSE_WAITING));
        long afterSeq = after;
        response.write(": ion run " + s.id() + "\n\n");
        vertx.setPeriodic(config.sseKeepAliveDuration().toMillis(), timer -> {
            if (response.closed() || response.ended()) vertx.cancelTimer(timer);
            else sub.keepAlive();
        });
        s.onContext(() -> s.attach(sub, afterSeq, (from, to) -> sub.gap(s.id(), from, to)))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        sub.onClose(() -> s.context().runOnContext(x -> s.detach(sub)));
                    }
                });
    }

    /**
     * The SSE stream of a run on another node: the same records, relayed from the owner at
     * this client's pace. The head is written only once the owner answered (a 404 stays a 404).
     */
    private void remoteEvents(RoutingContext ctx, RemoteRuns remote, long afterSeq) {
        String id = ctx.pathParam("id");
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(config.writeQueueBytes);
        SseSink sub = new SseSink(response, () -> server.netEvents().fire(NetEvents.SSE_WAITING));
        Runnable open = () -> {
            response.write(": ion run " + id + "\n\n");
            vertx.setPeriodic(config.sseKeepAliveDuration().toMillis(), timer -> {
                if (response.closed() || response.ended()) vertx.cancelTimer(timer);
                else sub.keepAlive();
            });
        };
        remote.follow(id, ctx.get(PRINCIPAL), afterSeq, sub, (from, to) -> sub.gap(id, from, to), open)
                .onComplete(ar -> {
                    if (ar.failed()) ctx.fail(ar.cause());
                });
    }

    private void webSocket(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !Origins.allowed(origin, ctx.request().isSSL(), ctx.request().authority(),
                config.corsOrigins)) {
            services.metrics().rejected("forbidden");
            throw new ApiError(ErrorCode.FORBIDDEN, "a page from " + origin + " may not open this server's WebSocket"
                    + " (corsOrigins lists the origins that may)");
        }
        if (runs.draining()) {
            throw new ApiError(ErrorCode.SHUTTING_DOWN, "the server is shutting down", Map.of("Retry-After", "5"));
        }
        var conn = ctx.request().connection();
        ctx.request().toWebSocket().onSuccess(ws -> {
                    WsProtocolGuard.install(conn, maxWebSocketFrameBytes());
                    WsFlushConsolidation flushes = WsFlushConsolidation.install(conn);
                    new WsConnection(ws, flushes, principal, services, runs, server.remote(), server.netEvents(), loop)
                            .open();
                })
                .onFailure(e -> {
                    if (!ctx.response().ended()) error(ctx, new ApiError(ErrorCode.BAD_REQUEST,
                            "WebSocket upgrade failed: " + e.getMessage()));
                });
    }
}
