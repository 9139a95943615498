package dev.ion.loadtests.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stream scenario: one run on one WebSocket whose producer task sends {@code N} values
 * through a channel that the main task drains, so the server emits one {@code recv} event per
 * value. Measures the events received per second of the run's wall time, seen by the client.
 */
final class StreamTest {
    private StreamTest() {
    }

    static String source(long values) {
        return "let (tx, rx) = channel(1024);\n"
                + "async {\n"
                + "    spawn { let mut i = 0; while i < " + values + " { tx.send(i); i += 1 }; tx.close() };\n"
                + "    let mut n = 0;\n"
                + "    while let Some(v) = rx.recv() { n += 1 }\n"
                + "    n\n"
                + "}";
    }

    static Summary run(LoadConfig c) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            return run(c, vertx);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Summary run(LoadConfig c, Vertx vertx) throws Exception {
        RunRequest run = RunRequest.of("stream", source(c.streamValues()), "{\"deadline_ms\":60000}");
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(c.target().ssl())
                .setTcpNoDelay(true).setConnectTimeout(10_000));
        CompletableFuture<String> outcome = new CompletableFuture<>();
        long[] events = {0};
        long[] times = {0, 0};
        double cpu0 = ProcessStats.ownCpuSeconds();
        double serverCpu0 = ProcessStats.cpuSeconds(c.serverPid());
        vertx.runOnContext(v -> client.connect(WsTransport.connectOptions(c.target())).onComplete(ar -> {
            if (ar.failed()) {
                outcome.completeExceptionally(new LoadTestException("cannot connect to " + c.target().url() + ": " + ar.cause()));
                return;
            }
            var ws = ar.result();
            ws.textMessageHandler(f -> {
                String type = FrameFields.type(f);
                if ("recv".equals(type)) {
                    events[0]++;
                } else if ("result".equals(type)) {
                    times[1] = System.nanoTime();
                    outcome.complete(FrameFields.string(f, "value"));
                } else if ("error".equals(type)) {
                    times[1] = System.nanoTime();
                    String kind = FrameFields.string(f, "kind");
                    outcome.complete("!" + (kind != null ? "run_" + kind : "refused_" + FrameFields.string(f, "code")));
                }
            });
            ws.closeHandler(x -> outcome.complete("!ws_closed"));
            times[0] = System.nanoTime();
            ws.writeTextMessage(run.wsFrame("stream"));
        }));
        String value;
        try {
            value = outcome.get(Math.max(70, c.drainTimeout().toSeconds()), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LoadTestException l ? l : e;
        } catch (TimeoutException e) {
            value = "!timeout";
            times[1] = System.nanoTime();
        }
        double serverCpu1 = ProcessStats.cpuSeconds(c.serverPid());
        double seconds = (times[1] - times[0]) / 1e9;
        boolean failed = value.startsWith("!");
        long received = events[0];
        Map<String, Long> errors = failed ? Map.of(value.substring(1), 1L)
                : received == c.streamValues() ? Map.of() : Map.of("missing_events", c.streamValues() - received);
        Double serverCpu = serverCpu0 >= 0 && serverCpu1 >= 0 ? serverCpu1 - serverCpu0 : null;
        return new Summary(c.scenario().cliName(), "ws", c.target().url(), 0, seconds, 0, 1, 1, failed ? 0 : 1,
                errors.isEmpty() ? 0 : 1, 0, Map.of(), errors, 0, 1, ProcessStats.ownCpuSeconds() - cpu0, serverCpu,
                ProcessStats.loadAverage(), new Summary.Stream(c.streamValues(), received, seconds,
                        failed ? null : value));
    }
}
