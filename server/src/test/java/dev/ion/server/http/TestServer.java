package dev.ion.server.http;

import dev.ion.server.ops.ServerConfig;
import dev.ion.server.runs.RunObserver;
import dev.ion.server.runs.RunSession;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real server on port 0 plus a client Vert.x with a WebClient and WebSocket helpers. */
public final class TestServer implements AutoCloseable {
    public final IonServer server;
    public final Vertx client = Vertx.vertx();
    public final WebClient web = WebClient.create(client);
    public final WebSocketClient wsClient = client.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
            .setMaxMessageSize(4 << 20));
    public final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    public String apiKey;

    public TestServer(Consumer<ServerConfig> tweak) {
        ServerConfig cfg = new ServerConfig();
        cfg.port = 0;
        cfg.instances = 2;
        cfg.log = false;
        cfg.wsPingInterval = "1s";
        tweak.accept(cfg);
        server = await(IonServer.start(cfg, new PrintStream(logs, true)));
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public int port() {
        return server.port();
    }

    public HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> r = web.request(method, port(), "127.0.0.1", path);
        if (apiKey != null) r.putHeader("Authorization", "Bearer " + apiKey);
        return r;
    }

    public HttpResponse<Buffer> post(String path, String json) {
        return await(request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json)));
    }

    public HttpResponse<Buffer> get(String path) {
        return await(request(HttpMethod.GET, path).send());
    }

    public HttpResponse<Buffer> delete(String path) {
        return await(request(HttpMethod.DELETE, path).send());
    }

    /** POST /v1/runs with a source (and optional extra JSON fields). */
    public JsonObject run(String source) {
        HttpResponse<Buffer> r = post("/v1/runs", new JsonObject().put("source", source).encode());
        if (r.statusCode() != 200) throw new AssertionError("status " + r.statusCode() + ": " + r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** Awaits the run's end (the manager's run-ended event), then returns GET /v1/runs/{id}. */
    public JsonObject awaitFinished(String id) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
        RunObserver o = new RunObserver() {
            @Override
            public void ended(RunSession s) {
                if (s.id().equals(id)) ended.complete(null);
            }
        };
        server.runs().addObserver(o);
        try {
            JsonObject r = get("/v1/runs/" + id).bodyAsJsonObject();
            String s = r.getString("status");
            if (!s.equals("running") && !s.equals("queued")) return r;
            ended.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("run " + id + " did not finish", e);
        } finally {
            server.runs().removeObserver(o);
        }
        return get("/v1/runs/" + id).bodyAsJsonObject();
    }

    /** Futures of the next {@code n} runs to start and to end on this server (from now on). */
    public RunEvents events() {
        RunEvents e = new RunEvents();
        server.runs().addObserver(e);
        return e;
    }

    /** Records runs starting and ending, for tests to await. */
    public static final class RunEvents implements RunObserver {
        public final BlockingQueue<RunSession> started = new LinkedBlockingQueue<>();
        public final BlockingQueue<RunSession> ended = new LinkedBlockingQueue<>();
        public final BlockingQueue<RunSession> parked = new LinkedBlockingQueue<>();
        public final BlockingQueue<RunSession> released = new LinkedBlockingQueue<>();
        /** Weak references to each started run's engine, taken as it starts; enqueued once collected. */
        public final java.lang.ref.ReferenceQueue<dev.ion.engine.Run> collected = new java.lang.ref.ReferenceQueue<>();
        public final java.util.Map<String, java.lang.ref.Reference<dev.ion.engine.Run>> engines =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void started(RunSession s) {
            engines.put(s.id(), new java.lang.ref.WeakReference<>(s.engineRun(), collected));
            started.add(s);
        }

        @Override
        public void ended(RunSession s) {
            ended.add(s);
        }

        @Override
        public void parked(RunSession s) {
            parked.add(s);
        }

        @Override
        public void released(RunSession s) {
            released.add(s);
        }

        /** The next run of the queue within 60 s. */
        public static RunSession next(BlockingQueue<RunSession> queue, String what) throws InterruptedException {
            RunSession s = queue.poll(60, TimeUnit.SECONDS);
            if (s == null) throw new AssertionError("no run " + what + " within 60 s");
            return s;
        }

        public RunSession nextStarted() throws InterruptedException {
            RunSession s = started.poll(60, TimeUnit.SECONDS);
            if (s == null) throw new AssertionError("no run started within 60 s");
            return s;
        }

        public RunSession nextEnded() throws InterruptedException {
            RunSession s = ended.poll(60, TimeUnit.SECONDS);
            if (s == null) throw new AssertionError("no run ended within 60 s");
            return s;
        }
    }

    /** A WebSocket whose text frames land in {@link Ws#frames}. */
    public Ws ws() {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI("/v1/ws");
        if (apiKey != null) o.addHeader("Authorization", "Bearer " + apiKey);
        WebSocket socket = await(wsClient.connect(o));
        Ws ws = new Ws(socket);
        socket.textMessageHandler(t -> ws.frames.add(new JsonObject(t)));
        return ws;
    }

    /** A {@code run} frame for {@code source}, whose {@code started} frame answers with {@code ref}. */
    public static JsonObject runFrame(String ref, String source) {
        return new JsonObject().put("type", "run").put("ref", ref).put("source", source);
    }

    public static MultiMap headers(HttpResponse<?> r) {
        return r.headers();
    }

    public static final class Ws {
        public final WebSocket socket;
        public final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

        public Ws(WebSocket socket) {
            this.socket = socket;
        }

        public void send(JsonObject frame) {
            await(socket.writeTextMessage(frame.encode()));
        }

        /** Starts {@code source} and returns the run's id from its {@code started} frame. */
        public String start(String ref, String source) throws InterruptedException {
            send(runFrame(ref, source));
            return next("started").getString("run");
        }

        /** Sends a {@code cancel} frame for the run {@code run}. */
        public void cancel(String run) {
            send(new JsonObject().put("type", "cancel").put("run", run));
        }

        public void sendRaw(String text) {
            await(socket.writeTextMessage(text));
        }

        public JsonObject next() throws InterruptedException {
            JsonObject f = frames.poll(60, TimeUnit.SECONDS);
            if (f == null) throw new AssertionError("no frame within 60 s");
            return f;
        }

        /** Next frame of the given type (skipping others). */
        public JsonObject next(String type) throws InterruptedException {
            while (true) {
                JsonObject f = next();
                if (f.getString("type").equals(type)) return f;
            }
        }

        /** Frames up to and including the run's result or error frame. */
        public java.util.List<JsonObject> untilEnd() throws InterruptedException {
            java.util.List<JsonObject> all = new java.util.ArrayList<>();
            while (true) {
                JsonObject f = next();
                all.add(f);
                String t = f.getString("type");
                if ((t.equals("result") || t.equals("error")) && f.getString("run") != null) return all;
            }
        }

        public void close() {
            await(socket.close());
        }
    }

    @Override
    public void close() {
        server.close();
        await(client.close());
    }
}
