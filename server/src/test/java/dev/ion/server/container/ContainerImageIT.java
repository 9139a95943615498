package dev.ion.server.container;

import com.github.dockerjava.api.DockerClient;
import dev.ion.server.it.TextFrames;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image end to end: {@code docker/Dockerfile} is built from the packaged jar
 * and run locked down ({@link IonContainer}); scripts run over HTTP and the WebSocket with
 * an API key from the environment or from a mounted keys file; the image's health check
 * passes; and {@code docker stop} drains a running run, which still reaches its client,
 * before the process exits 0. Skipped, with the reason, where no Docker-compatible engine
 * is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {
    static final String KEY = "env-key-1f4e";
    static final String FILE_KEY = "file-key-9c2a";
    static final Duration BOUND = Duration.ofMinutes(3);

    @Container
    static final IonContainer ION = new IonContainer().withEnv("ION_API_KEYS", KEY);

    @AfterAll
    static void removeTheImage() {
        ION.stop();
        IonImage.remove();
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void runsAScriptOverHttpWithTheKeyAndAnswers401WithoutIt() throws Exception {
        HttpResponse<String> ok = post(ION, KEY, "{\"source\": \"print(\\\"hi\\\"); [1, 2] + [3]\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonObject run = new JsonObject(ok.body());
        assertThat(run.getString("status")).isEqualTo("succeeded");
        assertThat(run.getString("value")).isEqualTo("[1, 2, 3]");
        assertThat(run.getString("output")).isEqualTo("hi\n");

        HttpResponse<String> missing = post(ION, null, "{\"source\": \"1\"}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(missing.body()).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
        assertThat(post(ION, "not-" + KEY, "{\"source\": \"1\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void streamsRecvValuesAndTheSelectOutcomeOverTheWebSocket() throws Exception {
        TextFrames frames = new TextFrames();
        WebSocket ws = webSocket(ION, KEY, frames);
        // The producer's values arrive as recv events; then input (kept open on a WebSocket)
        // never answers, so the closed channel's None wins the select in arm 1.
        String source = "let (tx, rx) = channel(4); async { spawn { for i in 1..=3 { tx.send(i * 10) } tx.close() };"
                + " while let Some(v) = rx.recv() { print(f\"got {v}\") } };"
                + " select { a = input.recv() => f\"input {a}\", b = rx.recv() => f\"closed {b}\" }";
        send(ws, new JsonObject().put("type", "run").put("ref", "s").put("source", source));
        List<JsonObject> seen = until(frames, ContainerImageIT::ends);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(1, TimeUnit.MINUTES);

        assertThat(seen.get(0).getString("type")).isEqualTo("started");
        assertThat(seen).filteredOn(f -> f.getString("type").equals("recv")).extracting(f -> f.getValue("json"))
                .containsExactly(10, 20, 30);
        JsonObject select = seen.stream().filter(f -> f.getString("type").equals("select")).findFirst().orElseThrow();
        assertThat(select.getInteger("arm")).isEqualTo(1);
        assertThat(select.getString("value")).isEqualTo("None");
        JsonObject result = seen.get(seen.size() - 1);
        assertThat(result.getString("status")).as(result.encode()).isEqualTo("succeeded");
        assertThat(result.getValue("json")).isEqualTo("closed None");
    }

    @Test
    void servesPrometheusMetricsWithAHeapSizedFromTheContainerLimit() throws Exception {
        assertThat(post(ION, KEY, "{\"source\": \"6 * 7\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(ION.http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).contains("ion_runs_total{status=\"succeeded\"}", "ion_run_duration_seconds_bucket",
                "ion_runs_active", "ion_event_loop_lag_seconds", "jvm_gc_pause_seconds");
        assertThat(metric(metrics, "ion_runs_total{status=\"succeeded\"}")).isGreaterThanOrEqualTo(1);
        // -XX:MaxRAMPercentage=75 of the 1 GiB limit (the JVM default would be 25 %)
        double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_max_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(heap / IonContainer.MEMORY_LIMIT).as("heap max %s of the limit", heap).isBetween(0.6, 0.8);
    }

    @Test
    void theImagesHealthCheckReportsHealthy() throws Exception {
        assertThat(ImageHealth.awaitHealthy(ION.getContainerId())).isEqualTo("healthy");
    }

    @Test
    void runsAsJavaPid1AsANonRootUserWithoutCapabilitiesOnAReadOnlyRoot() throws Exception {
        assertThat(exec(ION, "id", "-u").getStdout().strip()).isEqualTo("10001");
        assertThat(exec(ION, "cat", "/proc/1/cmdline").getStdout()).startsWith("java\0").contains("/opt/ion/ion.jar\0serve");
        String status = exec(ION, "cat", "/proc/1/status").getStdout();
        assertThat(status).containsPattern("CapEff:\\s+0+\\n").containsPattern("CapBnd:\\s+0+\\n")
                .containsPattern("NoNewPrivs:\\s+1\\n");
        ExecResult write = exec(ION, "touch", "/opt/ion/probe");
        assertThat(write.getExitCode()).isNotZero();
        assertThat(write.getStderr()).contains("Read-only file system");
    }

    @Test
    void takesKeysFromAMountedFileNeedsNoWritableDirectoryAndDrainsOnStop(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("ion-api-keys");
        Files.writeString(keys, "# mounted like a Docker or Kubernetes secret\n\n" + FILE_KEY + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ToStringConsumer log = new ToStringConsumer();
        WaitingConsumer events = new WaitingConsumer();
        try (IonContainer ion = new IonContainer().withNothingWritable()
                .withFileSystemBind(keys.toString(), "/run/secrets/ion-api-keys", BindMode.READ_ONLY)
                .withEnv("ION_API_KEYS_FILE", "/run/secrets/ion-api-keys")
                .withEnv("ION_DRAIN_TIMEOUT", "2m")
                .withLogConsumer(log.andThen(events))) {
            ion.start();
            ExecResult tmp = exec(ion, "touch", "/tmp/probe");
            assertThat(tmp.getExitCode()).as("/tmp is read-only too").isNotZero();
            assertThat(post(ion, FILE_KEY, "{\"source\": \"1 + 1\"}").statusCode()).isEqualTo(200);
            assertThat(post(ion, KEY, "{\"source\": \"1 + 1\"}").statusCode()).isEqualTo(401);

            TextFrames frames = new TextFrames();
            WebSocket ws = webSocket(ion, FILE_KEY, frames);
            send(ws, new JsonObject().put("type", "run").put("ref", "d")
                    .put("limits", new JsonObject().put("deadline_ms", 60_000))
                    .put("source", "let v = input.recv(); f\"finished after {v}\""));
            String run = until(frames, f -> f.getString("type").equals("started")).get(0).getString("run");

            DockerClient docker = DockerClientFactory.instance().client();
            // docker stop: SIGTERM, and a kill only after 5 minutes, well beyond the 2-minute drain
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() ->
                    docker.stopContainerCmd(ion.getContainerId()).withTimeout(300).exec());
            events.waitUntil(frame -> frame.getUtf8String().contains("\"msg\":\"draining\""),
                    (int) BOUND.toSeconds(), TimeUnit.SECONDS);
            HttpResponse<String> refused = post(ion, FILE_KEY, "{\"source\": \"1\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("shutting_down");

            send(ws, new JsonObject().put("type", "send").put("run", run).put("value", 42));
            JsonObject result = last(until(frames, ContainerImageIT::ends));
            assertThat(result.getString("type")).as(result.encode()).isEqualTo("result");
            assertThat(result.getValue("json")).isEqualTo("finished after Some(42)");

            stopped.get(BOUND.toSeconds() + 300, TimeUnit.SECONDS);
            var state = docker.inspectContainerCmd(ion.getContainerId()).exec().getState();
            assertThat(state.getRunning()).isFalse();
            assertThat(state.getExitCodeLong()).as("exit code; log:\n%s", log.toUtf8String()).isZero();
            assertThat(log.toUtf8String()).contains("\"auth\":\"1 API keys\"")
                    .containsPattern("\"msg\":\"drained\".*\"cancelledRuns\":0");
        }
    }

    private HttpResponse<String> post(IonContainer ion, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(ion.http("/v1/runs")).timeout(BOUND)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket webSocket(IonContainer ion, String key, TextFrames frames) throws Exception {
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + key).buildAsync(ion.ws(), frames)
                .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    private static void send(WebSocket ws, JsonObject frame) throws Exception {
        ws.sendText(frame.encode(), true).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    /** The frames up to and including the first that matches; fails if none comes within the bound. */
    private static List<JsonObject> until(TextFrames frames, Predicate<JsonObject> last) throws InterruptedException {
        List<JsonObject> seen = new ArrayList<>();
        BlockingQueue<String> queue = frames.frames;
        while (true) {
            String f = queue.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(f).as("a frame within %s; so far %s", BOUND, seen).isNotNull();
            JsonObject frame = new JsonObject(f);
            seen.add(frame);
            if (last.test(frame)) return seen;
        }
    }

    /** A run's last frame: its result, or the error it failed with. */
    private static boolean ends(JsonObject frame) {
        return frame.getString("type").equals("result") || frame.getString("type").equals("error");
    }

    private static JsonObject last(List<JsonObject> frames) {
        return frames.get(frames.size() - 1);
    }

    private static ExecResult exec(IonContainer ion, String... command) throws Exception {
        return ion.execInContainer(command);
    }

    private static double metric(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst().orElse(-1);
    }
}
