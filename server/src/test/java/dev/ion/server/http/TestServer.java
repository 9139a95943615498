package dev.ion.server.http;

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
final class TestServer implements AutoCloseable {
    final IonServer server;
    final Vertx client = Vertx.vertx();
    final WebClient web = WebClient.create(client);
    final WebSocketClient wsClient = client.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
            .setMaxMessageSize(4 << 20));
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    String apiKey;

    TestServer(Consumer<ServerConfig> tweak) {
        ServerConfig cfg = new ServerConfig();
        cfg.port = 0;
        cfg.instances = 2;
        cfg.log = false;
        cfg.wsPingInterval = "1s";
        tweak.accept(cfg);
        server = await(IonServer.start(cfg, new PrintStream(logs, true)));
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int port() {
        return server.port();
    }

    HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> r = web.request(method, port(), "127.0.0.1", path);
        if (apiKey != null) r.putHeader("Authorization", "Bearer " + apiKey);
        return r;
    }

    HttpResponse<Buffer> post(String path, String json) {
        return await(request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json)));
    }

    HttpResponse<Buffer> get(String path) {
        return await(request(HttpMethod.GET, path).send());
    }

    HttpResponse<Buffer> delete(String path) {
        return await(request(HttpMethod.DELETE, path).send());
    }

    /** POST /v1/runs with a source (and optional extra JSON fields). */
    JsonObject run(String source) {
        HttpResponse<Buffer> r = post("/v1/runs", new JsonObject().put("source", source).encode());
        if (r.statusCode() != 200) throw new AssertionError("status " + r.statusCode() + ": " + r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** Polls GET /v1/runs/{id} until it is finished. */
    JsonObject awaitFinished(String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            JsonObject r = get("/v1/runs/" + id).bodyAsJsonObject();
            String s = r.getString("status");
            if (!s.equals("running") && !s.equals("queued")) return r;
            Thread.sleep(20);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** A WebSocket whose text frames land in {@link Ws#frames}. */
    Ws ws() {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI("/v1/ws");
        if (apiKey != null) o.addHeader("Authorization", "Bearer " + apiKey);
        WebSocket socket = await(wsClient.connect(o));
        Ws ws = new Ws(socket);
        socket.textMessageHandler(t -> ws.frames.add(new JsonObject(t)));
        return ws;
    }

    static MultiMap headers(HttpResponse<?> r) {
        return r.headers();
    }

    static final class Ws {
        final WebSocket socket;
        final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

        Ws(WebSocket socket) {
            this.socket = socket;
        }

        void send(JsonObject frame) {
            await(socket.writeTextMessage(frame.encode()));
        }

        void sendRaw(String text) {
            await(socket.writeTextMessage(text));
        }

        JsonObject next() throws InterruptedException {
            JsonObject f = frames.poll(20, TimeUnit.SECONDS);
            if (f == null) throw new AssertionError("no frame within 20 s");
            return f;
        }

        /** Next frame of the given type (skipping others). */
        JsonObject next(String type) throws InterruptedException {
            while (true) {
                JsonObject f = next();
                if (f.getString("type").equals(type)) return f;
            }
        }

        /** Frames up to and including the run's result or error frame. */
        java.util.List<JsonObject> untilEnd() throws InterruptedException {
            java.util.List<JsonObject> all = new java.util.ArrayList<>();
            while (true) {
                JsonObject f = next();
                all.add(f);
                String t = f.getString("type");
                if ((t.equals("result") || t.equals("error")) && f.getString("run") != null) return all;
            }
        }

        void close() {
            await(socket.close());
        }
    }

    @Override
    public void close() {
        server.close();
        await(client.close());
    }
}
