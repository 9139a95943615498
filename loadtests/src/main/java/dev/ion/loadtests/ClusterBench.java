package dev.ion.loadtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cluster mode costs (a main, not a test; figures in docs/CLUSTER.md): starts two
 * {@code ion.jar serve --cluster} processes on 127.0.0.1, then measures the events per second
 * of one run's SSE stream read on its own node and on the other node (relayed), and the
 * latency of {@code GET /v1/runs/{id}} on the run's node and forwarded from the other.
 *
 * <pre>java -cp loadtests/target/classes dev.ion.loadtests.ClusterBench [server/target/ion.jar] [events] [gets]</pre>
 */
public final class ClusterBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"(run_[a-z0-9]+)\"");

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/ion.jar");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int gets = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int hzA = freePort();
        int hzB = freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        List<Process> processes = new ArrayList<>();
        try {
            String a = start(jar, "a", hzA, members, processes);
            String b = start(jar, "b", hzB, members, processes);
            for (int round = 1; round <= 3; round++) {
                System.out.printf("round %d: events/s on the owner %,.0f, relayed through the other node %,.0f%n", round,
                        eventsPerSecond(a, a, events), eventsPerSecond(a, b, events));
            }
            String id = id(post(a + "/v1/runs?wait=false", "{\"source\":\"7\"}"));
            for (int round = 1; round <= 3; round++) {
                long[] local = getLatencies(a, id, gets);
                long[] forwarded = getLatencies(b, id, gets);
                System.out.printf("round %d: GET on the owner p50 %.2f ms p99 %.2f ms; forwarded p50 %.2f ms p99 %.2f ms%n",
                        round, ms(local, 50), ms(local, 99), ms(forwarded, 50), ms(forwarded, 99));
            }
        } finally {
            for (Process p : processes) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Events per second of a run on {@code owner} read as SSE from {@code reader}, from the first event to the result. */
    private static double eventsPerSecond(String owner, String reader, int events) throws Exception {
        String id = id(post(owner + "/v1/runs?wait=false", "{\"source\":\"input.recv(); for i in 0.." + events
                + " { print(i) }; 1\",\"limits\":{\"deadline_ms\":60000,\"max_output_bytes\":67108864}}"));
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(reader + "/v1/runs/" + id
                + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String line;
        while (!(line = in.readLine()).startsWith("id: 1")) {
            // the head and the started event
        }
        long t0 = System.nanoTime();
        post(owner + "/v1/runs/" + id + "/input?close=true", "1");
        long n = 0;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("id: ")) n++;
            if (line.equals("event: result") || line.equals("event: error")) break;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        in.close();
        return n / seconds;
    }

    private static long[] getLatencies(String node, String id, int count) throws Exception {
        long[] nanos = new long[count];
        HttpRequest get = HttpRequest.newBuilder(URI.create(node + "/v1/runs/" + id)).build();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) throw new IllegalStateException("GET answered " + r.statusCode() + ": " + r.body());
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    private static String start(Path jar, String name, int hzPort, String members, List<Process> processes) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("cluster-bench-" + name, ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString(), "serve", "--port", Integer.toString(port), "--cluster",
                "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(hzPort), "--cluster-bus-port", "0",
                "--cluster-members", members).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (Files.readString(log).contains("\"msg\":\"listening\"")) return "http://127.0.0.1:" + port;
            if (!p.isAlive()) break;
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not start: " + Files.readString(log));
    }

    private static String post(String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) throw new IllegalStateException("no run id in " + body);
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
