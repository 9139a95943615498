package dev.ion.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code java -jar ion.jar serve --cluster} processes on 127.0.0.1 form one service:
 * a run on A followed over SSE on B gets {@code node_lost} when A is killed with SIGKILL,
 * and a SIGTERM of B under a steady load of trivial runs (sent to B and C) loses no run that
 * was admitted: each gets its result, and a run of B followed from C ends with its result,
 * not with {@code node_lost}. First, the Compose stack's load balancer configuration
 * (deploy/nginx/ion-cluster.conf) runs in a real nginx in front of the three: a run started
 * through it is streamed live, fed and finished through it, whichever nodes nginx picks.
 * Every process is killed in the end, whatever happens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJarIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern RUN_ID = Pattern.compile("\"id\":\"(run_[a-z0-9]+)\"");
    private static final List<Node> NODES = new ArrayList<>();
    private static Node a;
    private static Node b;
    private static Node c;

    /** One server process, its HTTP port and its log file. */
    record Node(String name, Process process, int port, Path log) {
        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        int[] hz = {FreePort.find(), FreePort.find(), FreePort.find()};
        String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1] + ",127.0.0.1:" + hz[2];
        a = start("a", hz[0], members);
        b = start("b", hz[1], members);
        c = start("c", hz[2], members);
        for (Node n : NODES) awaitMetric(n, "ion_cluster_members 3.0", 60);
    }

    @AfterAll
    static void killAll() throws InterruptedException {
        for (Node n : NODES) n.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private static Node start(String name, int hzPort, String members) throws Exception {
        Path jar = Path.of("target", "ion.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (built in the package phase)").exists();
        int port = FreePort.find();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of("target", "cluster-jar-it-" + name + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--instances", "2", "--drain-timeout", "20s", "--cluster", "--cluster-host", "127.0.0.1",
                "--cluster-port", Integer.toString(hzPort), "--cluster-bus-port", "0", "--cluster-members", members)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node n = new Node(name, p, port, log);
        NODES.add(n);
        assertThat(LogFile.waitForLine(log, "\"msg\":\"listening\"", 120))
                .as("%s started; its output: %s", name, LogFile.read(log))
                .isNotNull();
        return n;
    }

    @Test
    @Order(0)
    void theComposeBalancerConfigurationStreamsFeedsAndFinishesRunsAcrossNodes() throws Exception {
        Balancer lb = Balancer.start(List.of(a.port(), b.port(), c.port()));
        try {
            for (int round = 0; round < 3; round++) {
                String id = startRun(lb.base(), "{\"source\":\"print(\\\"ready\\\"); let v = input.recv(); v\"}");
                BlockingQueue<String> lines = events(lb.base(), id);
                assertThat(awaitLine(lines, "status: ")).isEqualTo("status: 200");
                // the run is parked on input: this event can only arrive if nginx passes the stream on unbuffered
                assertThat(awaitLine(lines, "data: {\"type\":\"output\"")).contains("ready");
                HttpResponse<String> fed = post(lb.base() + "/v1/runs/" + id + "/input", "{\"n\":" + round + "}");
                assertThat(fed.statusCode()).as(fed.body()).isEqualTo(204);
                assertThat(awaitLine(lines, "data: {\"type\":\"result\"")).contains("\"status\":\"succeeded\"");
                assertThat(get(lb.base() + "/v1/runs/" + id).body()).contains("\"status\":\"succeeded\"");
            }
            HttpResponse<String> blocking = post(lb.base() + "/v1/runs", "{\"source\":\"6 * 7\"}");
            assertThat(blocking.body()).contains("\"json\":42");
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(lb.base().replace("http", "ws")
                    + "/v1/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            frames.add(data.toString());
                            w.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"run\",\"ref\":\"r1\",\"source\":\"2 + 3\"}", true);
            String frame;
            do {
                frame = frames.poll(60, TimeUnit.SECONDS);
                assertThat(frame).as("a result frame through the balancer's WebSocket within 60 s").isNotNull();
            } while (!frame.contains("\"type\":\"result\""));
            assertThat(frame).contains("\"json\":5");
            ws.abort();
        } finally {
            lb.stop();
        }
    }

    @Test
    @Order(1)
    void aFollowerOnBGetsNodeLostWhenAIsKilled() throws Exception {
        String id = startRun(a.base(), "{\"source\":\"print(1); loop { sleep(5) }\"}");
        BlockingQueue<String> lines = events(b.base(), id);
        awaitLine(lines, "event: output");
        a.process().destroyForcibly(); // SIGKILL: no goodbye to the cluster
        String lost = awaitLine(lines, "data: {\"type\":\"error\"");
        assertThat(lost).contains("\"status\":\"failed\"", "\"kind\":\"node_lost\"", "left the cluster");
        HttpResponse<String> viaC = get(c.base() + "/v1/runs/" + id);
        assertThat(viaC.body()).contains("\"status\":\"failed\"", "\"kind\":\"node_lost\"");
    }

    @Test
    @Order(2)
    void aSigtermOfBUnderLoadLosesNoAdmittedRun() throws Exception {
        String slow = startRun(b.base(), "{\"source\":\"sleep(1500); 7\"}");
        BlockingQueue<String> followed = events(c.base(), slow);
        awaitLine(followed, "event: started");
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger succeeded = new AtomicInteger();
        Thread load = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                Node target = i++ % 2 == 0 ? b : c;
                try {
                    HttpResponse<String> r = post(target.base() + "/v1/runs", "{\"source\":\"1 + 1\"}");
                    if (r.statusCode() == 200 && r.body().contains("\"status\":\"succeeded\"")) {
                        succeeded.incrementAndGet();
                    } else if (r.statusCode() != 503) {
                        failures.add(target.name() + ": " + r.statusCode() + " " + r.body());
                    }
                } catch (IOException e) {
                    // connection refused once B is gone: not admitted
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cluster-load");
        load.start();
        try {
            b.process().destroy(); // SIGTERM
            assertThat(b.process().waitFor(60, TimeUnit.SECONDS)).as("B drained and exited").isTrue();
            assertThat(b.process().exitValue()).isZero();
        } finally {
            stop.set(true);
            load.join(30_000);
        }
        String end = awaitLine(followed, "data: {\"type\":\"");
        while (end.contains("\"type\":\"started\"") || end.contains("\"type\":\"output\"")) {
            end = awaitLine(followed, "data: {\"type\":\"");
        }
        assertThat(end).contains("\"type\":\"result\"", "\"json\":7");
        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isPositive();
        assertThat(LogFile.read(b.log())).anyMatch(l -> l.contains("\"msg\":\"leaving cluster\""));
    }

    /** Starts the run {@code body} describes on the server at {@code base} without waiting for it; returns its id. */
    private static String startRun(String base, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(base + "/v1/runs?wait=false", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        Matcher m = RUN_ID.matcher(r.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The run's events as lines of SSE, followed through the server at {@code base}. */
    private static BlockingQueue<String> events(String base, String id) {
        return sse(base + "/v1/runs/" + id + "/events");
    }

    /** The lines of an SSE stream, read on their own thread. */
    private static BlockingQueue<String> sse(String url) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    lines.add("status: " + r.statusCode());
                    r.body().forEach(lines::add);
                    lines.add("eof");
                });
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        while (true) {
            String l = lines.poll(60, TimeUnit.SECONDS);
            assertThat(l).as("a line starting with %s within 60 s", prefix).isNotNull();
            if (l.startsWith(prefix)) return l;
            assertThat(l).as("stream ended before %s", prefix).isNotEqualTo("eof");
        }
    }

    private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitMetric(Node n, String line, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < end) {
            last = get(n.base() + "/metrics").body();
            if (last.contains(line)) return;
            Thread.sleep(100);
        }
        throw new AssertionError(n.name() + " never reported '" + line + "'");
    }
}
