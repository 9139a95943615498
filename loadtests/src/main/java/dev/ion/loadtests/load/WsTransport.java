package dev.ion.loadtests.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs as {@code run} frames over a few {@code /v1/ws} sockets, many runs at once on each
 * (round robin). A run is matched to its {@code started} frame by its {@code ref}, and then to
 * its {@code result} or {@code error} by its run id.
 */
final class WsTransport implements Transport {
    private final WebSocketClient client;
    private final Target target;
    private final int connections;
    private final List<Socket> sockets = new ArrayList<>();
    private int next;

    WsTransport(Vertx vertx, Target target, int connections) {
        this.target = target;
        this.connections = connections;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(target.ssl())
                .setTcpNoDelay(true).setConnectTimeout(10_000).setMaxConnections(Math.max(connections, 1))
                .setMaxMessageSize(16 << 20));
    }

    static WebSocketConnectOptions connectOptions(Target target) {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
                .setSsl(target.ssl()).setURI(target.basePath() + "/v1/ws");
        if (target.apiKey() != null) o.addHeader("authorization", "Bearer " + target.apiKey());
        return o;
    }

    @Override
    public Future<Void> open() {
        List<Future<WebSocket>> all = new ArrayList<>();
        for (int i = 0; i < connections; i++) all.add(client.connect(connectOptions(target)));
        return Future.all(all).map(cf -> {
            for (Future<WebSocket> f : all) sockets.add(new Socket(f.result()));
            return null;
        });
    }

    @Override
    public void send(RunRequest r, Consumer<String> done) {
        Socket s = sockets.get(next);
        next = (next + 1) % sockets.size();
        s.send(r, done);
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    /** One socket and the runs waiting on it. */
    private static final class Socket {
        private final WebSocket ws;
        private final Map<String, Consumer<String>> byRef = new HashMap<>();
        private final Map<String, Consumer<String>> byRun = new HashMap<>();
        private long refs;
        private boolean closed;

        Socket(WebSocket ws) {
            this.ws = ws;
            ws.textMessageHandler(this::frame);
            ws.closeHandler(v -> failAll("ws_closed"));
            ws.exceptionHandler(t -> { });
        }

        void send(RunRequest r, Consumer<String> done) {
            if (closed) {
                done.accept("ws_closed");
                return;
            }
            String ref = Long.toString(refs++, 36);
            byRef.put(ref, done);
            ws.writeTextMessage(r.wsFrame(ref));
        }

        private void frame(String f) {
            String type = FrameFields.type(f);
            if (type == null) return;
            switch (type) {
                case "started" -> {
                    Consumer<String> done = byRef.remove(FrameFields.string(f, "ref"));
                    if (done != null) byRun.put(FrameFields.string(f, "run"), done);
                }
                case "result" -> finish(byRun.remove(FrameFields.string(f, "run")), null);
                case "error" -> {
                    if (f.contains("\"status\":\"")) {
                        finish(byRun.remove(FrameFields.string(f, "run")), "run_" + FrameFields.string(f, "kind"));
                    } else {
                        String ref = FrameFields.string(f, "ref");
                        if (ref != null) finish(byRef.remove(ref), "refused_" + FrameFields.string(f, "code"));
                    }
                }
                default -> {
                    // output, recv, select: not needed to time a run
                }
            }
        }

        private static void finish(Consumer<String> done, String error) {
            if (done != null) done.accept(error);
        }

        private void failAll(String kind) {
            closed = true;
            List<Consumer<String>> waiting = new ArrayList<>(byRef.values());
            waiting.addAll(byRun.values());
            byRef.clear();
            byRun.clear();
            waiting.forEach(d -> d.accept(kind));
        }
    }
}
