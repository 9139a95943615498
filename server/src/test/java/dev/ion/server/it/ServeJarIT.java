package dev.ion.server.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: launches the packaged {@code target/ion.jar serve} as its own process on a
 * free port, runs scripts over HTTP and WebSocket, then sends SIGTERM in the middle of a
 * run and checks the drain: readiness goes false, new runs get 503, the running run
 * finishes, and the process exits 0. Runs in the integration-test phase (failsafe), after
 * the jar is built.
 */
class ServeJarIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesOverHttpAndWebSocketAndDrainsOnSigterm() throws Exception {
        Path jar = Path.of("target", "ion.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (built in the package phase)").exists();
        int port = FreePort.find();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Output goes to a file: Process.destroy() closes the parent's end of the child's pipes.
        Path log = Path.of("target", "serve-jar-it.log").toAbsolutePath();
        Files.deleteIfExists(log);
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--instances", "2", "--drain-timeout", "20s").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            String up = LogFile.waitForLine(log, "\"msg\":\"listening\"", 60);
            assertThat(up).as("startup log line; output so far: %s", LogFile.read(log)).isNotNull()
                    .contains("\"url\":\"http://127.0.0.1:" + port + "\"");
            String base = "http://127.0.0.1:" + port;

            // HTTP
            HttpResponse<String> r = post(base + "/v1/runs", "{\"source\":\"print(\\\"hi\\\"); 6 * 7\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"succeeded\"", "\"json\":42", "\"output\":\"hi\\n\"");

            // WebSocket: a channel's values stream as recv frames
            TextFrames listener = new TextFrames();
            BlockingQueue<String> frames = listener.frames;
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"),
                    listener).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"run\",\"ref\":\"w\",\"source\":\"let (tx, rx) = channel(2); async { spawn {"
                    + " for i in 1..=3 { tx.send(i * i) } tx.close() }; while let Some(v) = rx.recv() { } }; 1\"}", true)
                    .get(5, TimeUnit.SECONDS);
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("\"type\":\"result\"")) {
                String f = frames.poll(20, TimeUnit.SECONDS);
                assertThat(f).as("frames so far: %s", seen).isNotNull();
                seen.append(f).append('\n');
            }
            assertThat(seen.toString()).contains("\"type\":\"started\"", "\"type\":\"recv\"", "\"json\":1",
                    "\"json\":4", "\"json\":9");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

            // SIGTERM while a run is going: it finishes, new runs are refused, exit 0
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/v1/runs")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"sleep(2000); \\\"finished\\\"\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!metrics(base).contains("ion_runs_active 1.0") && System.nanoTime() < until) Thread.sleep(20);
            assertThat(metrics(base)).as("the sleeping run is active").contains("ion_runs_active 1.0");
            p.destroy(); // SIGTERM
            assertThat(LogFile.waitForLine(log, "\"msg\":\"draining\"", 10)).as("drain log line").isNotNull();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            HttpResponse<String> refused = post(base + "/v1/runs", "{\"source\":\"1\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("shutting_down");
            HttpResponse<String> finished = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(finished.body()).contains("\"status\":\"succeeded\"", "\"json\":\"finished\"");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            List<String> lines = LogFile.read(log);
            assertThat(lines).anyMatch(l -> l.contains("\"msg\":\"drained\"") && l.contains("\"cancelledRuns\":0"));
            assertThat(lines).anyMatch(l -> l.contains("\"msg\":\"run finished\"") && l.contains("\"run\":\"run_"));
            assertThat(lines).anyMatch(l -> l.contains("\"msg\":\"request\"") && l.contains("\"status\":503"));
        } finally {
            p.destroyForcibly();
        }
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
