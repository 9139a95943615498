package dev.ion.server.deploy;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.testing.LiveServer;
import dev.ion.server.testing.RunEndListener;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * A {@link LiveServer} seen as the deployment files see it, over plain JDK HTTP: the health routes the
 * probes name, and a {@code /metrics} scrape taken after the server ran a script, streamed
 * one over a WebSocket, answered a bad request and saw a garbage collection — the traffic
 * that makes every series the dashboard and the alerts read appear.
 */
final class ProbedServer implements AutoCloseable {
    private final LiveServer live;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    ProbedServer(ServerConfig config) {
        config.host = "127.0.0.1";
        config.port = 0;
        config.log = false;
        live = new LiveServer(config);
    }

    ProbedServer() {
        this(smallConfig());
    }

    private static ServerConfig smallConfig() {
        ServerConfig c = new ServerConfig();
        c.instances = 1;
        return c;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + live.server.port() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** Runs a script over HTTP, streams one over a WebSocket, sends a bad request, collects garbage. */
    void exercise() throws Exception {
        HttpResponse<String> ok = postJson("/v1/runs", "{\"source\": \"print(1); 1 + 2\"}");
        if (ok.statusCode() != 200) throw new AssertionError("POST /v1/runs: " + ok.statusCode() + " " + ok.body());
        HttpResponse<String> failed = postJson("/v1/runs", "{\"source\": \"1 / 0\"}");
        if (!failed.body().contains("\"failed\"")) throw new AssertionError("a failing run: " + failed.body());
        HttpResponse<String> bad = postJson("/v1/runs", "{\"sourc\": \"1\"}");
        if (bad.statusCode() != 400) throw new AssertionError("a bad request: " + bad.statusCode() + " " + bad.body());
        streamOverWebSocket();
        collectGarbage();
    }

    private void streamOverWebSocket() throws Exception {
        RunEndListener listener = new RunEndListener();
        URI ws = URI.create("ws://127.0.0.1:" + live.server.port() + "/v1/ws");
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, listener).get(60, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"run\",\"ref\":\"d\",\"source\":"
                + "\"let (tx, rx) = channel(4); async { spawn { for i in 0..3 { tx.send(i) } tx.close() }; "
                + "while let Some(v) = rx.recv() { print(v) }; 7 }\"}", true).get(60, TimeUnit.SECONDS);
        String last = listener.end.get(60, TimeUnit.SECONDS);
        if (!last.contains("\"type\":\"result\"")) throw new AssertionError("the WebSocket run did not succeed: " + last);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(60, TimeUnit.SECONDS);
    }

    /**
     * Runs a full collection and waits for the notification of its pause. The server's GC meters listen
     * to the same notifications and were registered first, and the JDK calls listeners in
     * registration order on one thread, so once ours has run the pause is recorded.
     */
    private static void collectGarbage() throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        NotificationListener listener = (n, h) -> {
            if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
            String name = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcName();
            // concurrent cycles are timed by another meter; the pause meter is the one panels read
            if (!name.contains("Concurrent") && !name.endsWith("Cycles")) seen.countDown();
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        try {
            System.gc();
            if (!seen.await(2, TimeUnit.MINUTES)) throw new AssertionError("no GC notification within 2 minutes");
        } finally {
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // never added to this one
                }
            }
        }
    }

    /** The sample names of a /metrics scrape ({@code ion_runs_total}, {@code ..._bucket}, ...). */
    Set<String> sampleNames() {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) throw new AssertionError("GET /metrics: " + r.statusCode());
        Set<String> names = new TreeSet<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
            names.add(line.substring(0, end));
        }
        return names;
    }

    @Override
    public void close() {
        live.close();
    }
}
