package dev.ion.loadtests.attack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 13's reliability suite: each attack of the adversarial review, replayed against the
 * packaged server in its own JVM with a 512 MB heap, with real sockets. Throughout an attack
 * a {@link Probe} from another address and another API key checks that {@code /health/live}
 * answers within 1 s (stretched on a busy machine, see {@link MachineLoad}) and that a trivial
 * run succeeds; afterwards no OutOfMemoryError may
 * have been thrown in the server and its heap after a full GC must be back near the reading
 * taken before the attack. Each test also checks the defence's own observable behaviour.
 * Every test starts its own server, so one attack's damage cannot fail the next.
 * Figures go to {@code target/attack-suite/figures.txt} (docs/SECURITY.md, "Attacks and
 * defences").
 */
class AttackSuiteIT {
    // ---- Settings the defences may name or size differently: adjust HERE after merging. ----

    /** How the server is started (the brief's small heap), plus a marker line on any OutOfMemoryError. */
    static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-Xss16m", "-XX:+UseParallelGC",
            "-XX:OnOutOfMemoryError=echo OutOfMemoryError thrown in the server, pid %p");
    static final String ATTACKER_KEY = "attacker-secret";
    static final String VICTIM_KEY = "victim-secret";
    /**
     * Every server's config: two keys without quotas (the review's setup), and ceilings that
     * let the attacks ask for long-running runs. Only keys the server knows may appear here:
     * an unknown key stops the server at start.
     */
    static final String BASE_CONFIG = """
            host: 127.0.0.1
            port: 0
            ceilings: {deadline_ms: 60000, fuel: 100000000000, max_output_bytes: 8388608}
            apiKeys:
              - {key: attacker-secret, name: attacker}
              - {key: victim-secret, name: victim}
            """;
    /**
     * Extra config for A5 to shorten the header-read timeout (e.g. {@code "headerTimeout: 2s\n"}
     * once the key exists), with {@link #HEADER_TIMEOUT} set to match. Empty: the server's
     * default, which issue 13 wants at most 10 s.
     */
    static final String HEADER_TIMEOUT_CONFIG = "";
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The defence's promise: /health/live answers within this, throughout every attack. This and
     * the other latency bounds are stretched by {@link MachineLoad} on a machine busy with other work.
     */
    static final Duration HEALTH_BOUND = Duration.ofSeconds(1);
    /** A trivial run from the other key must succeed within this (generous: behaviour, not speed). */
    static final Duration TRIVIAL_RUN_BOUND = Duration.ofSeconds(10);
    /** How far above its pre-attack reading the heap after a full GC may be once an attack is over. */
    static final long HEAP_SLACK = 64L << 20;
    /** The server's default writeQueueBytes: what one connection may have queued for a client that does not read. */
    static final long WRITE_QUEUE_BYTES = 64 * 1024;
    /** How late, at most, a run may end after its deadline_ms while the server is under attack. */
    static final Duration DEADLINE_GRACE = Duration.ofSeconds(3);
    /** The server's default slots and queue places (maxConcurrentRuns, maxQueuedRuns). */
    static final int SERVER_SLOTS = 64;
    static final int SERVER_QUEUE = 256;

    // ---- Attack sizes (scaled to what a busy 2-core machine does well inside the timeouts). ----

    static final int A1_RUNS = 12;
    static final int A1_CANCELLED_RUNS = 4;
    static final int A2_CONCURRENT_RUNS = 16;
    static final long A3_PING_FLOOD_BYTES = 256L << 20;
    static final int A3_SEND_FRAMES = 2500;
    static final int A3_SEND_VALUE_CHARS = 100_000;
    /** How long a flood goes on (a server that stops reading blocks the flooding client meanwhile). */
    static final Duration FLOOD_WINDOW = Duration.ofSeconds(10);
    static final int A4_SSE_CLIENTS = 1500;
    static final int A5_HALF_OPEN = 2000;
    static final int A6_BUSY_RUNS = 20;
    static final int A7_BUSY_RUNS = 10;
    static final int A8_RUNS = 400;

    /** A script that retains ~60 MB (within the default 64 MiB limit). */
    static final String HOLD_60MB = "let s = bytes::zeroed(60_000_000); 1";
    /** A script that keeps 300,000 small lists and churns 4 MB strings, so its memory checks walk a large live set. */
    static final String WALKER = "let keep = [[i] for i in 0..300000]; let mut n = 0;"
            + " loop { let t = \"x\" * 4_000_000; n += 1 }";
    static final Map<String, Long> LONG_RUN = Map.of("fuel", 100_000_000_000L, "deadline_ms", 60_000L);

    static final InetAddress PROBE_ADDRESS = address("127.0.0.1");
    static final InetAddress ATTACKER_ADDRESS = address("127.0.0.2");

    /** The machine's load when this test's server started: how far the latency bounds stretch. */
    private MachineLoad machine;
    private ServerProcess server;
    private IonApi attacker;
    private IonApi victim;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    // ---- the attacks ------------------------------------------------------------------------

    /** A1: finished (and cancelled) runs that held 60 MB each must not keep it in the store of finished runs. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void a1FinishedRunsKeepNoHeap() throws Exception {
        start("a1", "");
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < A1_RUNS && bad.isEmpty() && server.outOfMemoryLines().isEmpty(); i++) {
            RawHttp.Response r = attacker.submit(HOLD_60MB, null, true, Duration.ofSeconds(60));
            if (r.status() != 200 || !"succeeded".equals(IonApi.json(r).path("status").asText())) {
                bad.add("run " + (i + 1) + " of " + A1_RUNS + " holding 60 MB: HTTP " + r.status() + " " + r.body());
            }
        }
        for (int i = 0; i < A1_CANCELLED_RUNS && bad.isEmpty() && server.outOfMemoryLines().isEmpty(); i++) {
            RawHttp.Response r = attacker.submit("let s = bytes::zeroed(60_000_000); print(\"held\"); sleep(60000); len(s)",
                    Map.of("deadline_ms", 60_000L), false, Duration.ofSeconds(60));
            if (r.status() != 202) {
                bad.add("a run to cancel: HTTP " + r.status() + " " + r.body());
                break;
            }
            String id = IonApi.json(r).path("id").asText();
            attacker.awaitEvent(id, "held", Duration.ofSeconds(60));
            bad.addAll(cancelAll(attacker, List.of(id), List.of("running", "cancelled")));
            bad.addAll(awaitFinished(List.of(id)).stream().filter(l -> !l.contains("\"status\":\"cancelled\"")).toList());
        }
        probe.awaitRounds(2, Duration.ofSeconds(60));
        Probe.Report report = probe.stop();
        long after = server.heapAfterGc();
        figure("A1", (A1_RUNS + A1_CANCELLED_RUNS) + " runs holding 60 MB each (" + A1_CANCELLED_RUNS
                + " cancelled): heap after GC " + mb(baseline) + " MB before, " + mb(after) + " MB after, "
                + (after - baseline) / (A1_RUNS + A1_CANCELLED_RUNS) / 1024 + " KiB retained per finished run; "
                + report.summary());
        assertAll(() -> assertTrue(bad.isEmpty(), "runs of the attack failed: " + bad),
                survived(report, baseline, after));
    }

    /**
     * A2: many runs allocating 60 MB at once on a 512 MB heap, so that the JVM runs out of
     * heap inside runs. OutOfMemoryErrors are the point here; what must hold is that every
     * run still ends once with a real error, frees its slot and is logged, and that the
     * server serves afterwards.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void a2HeapExhaustionLeaksNoRunSlot() throws Exception {
        start("a2", "");
        Probe probe = probe();
        ExecutorService pool = Executors.newFixedThreadPool(A2_CONCURRENT_RUNS);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < A2_CONCURRENT_RUNS; i++) {
                answers.add(pool.submit(() -> attacker.submit("let a = bytes::zeroed(60_000_000); sleep(1000); len(a)",
                        Map.of("deadline_ms", 60_000L), true, Duration.ofSeconds(90))));
            }
            List<String> bad = new ArrayList<>();
            int succeeded = 0;
            int failed = 0;
            for (Future<RawHttp.Response> f : answers) {
                try {
                    RawHttp.Response r = f.get();
                    JsonNode run = r.status() == 200 ? IonApi.json(r) : null;
                    String status = run == null ? "" : run.path("status").asText();
                    if (status.equals("succeeded")) succeeded++;
                    else if (status.equals("failed") && !run.path("error").path("message").asText("").isEmpty()) failed++;
                    else bad.add("HTTP " + r.status() + " " + r.body());
                } catch (java.util.concurrent.ExecutionException e) {
                    bad.add("no answer: " + e.getCause().getMessage());
                }
            }
            Probe.Report report = probe.stop();
            int finishedLines = server.awaitLines(l -> l.contains("\"msg\":\"run finished\"") && l.contains("\"key\":\"attacker\""),
                    A2_CONCURRENT_RUNS + 3, Duration.ofSeconds(60)).size() - 3;
            ServerProcess.Metrics m = ServerProcess.Metrics.of(server);
            double active = m.sum("ion_runs_active", "");
            double queued = m.sum("ion_runs_queued", "");
            RawHttp.Response after = victim.submit("1", null, true, machine.stretch(TRIVIAL_RUN_BOUND));
            figure("A2", A2_CONCURRENT_RUNS + " concurrent runs of 60 MB on a 512 MB heap: " + succeeded + " succeeded, "
                    + failed + " failed with an error, " + bad.size() + " without a proper ending; "
                    + server.outOfMemoryLines().size() + " OutOfMemoryError lines; " + report.summary());
            assertAll(() -> assertTrue(bad.isEmpty(), "every run must end with a result or an error: " + bad),
                    () -> assertEquals(A2_CONCURRENT_RUNS, finishedLines, "'run finished' lines of the attack's runs"),
                    () -> assertEquals(0.0, active, "ion_runs_active after every run ended"),
                    () -> assertEquals(0.0, queued, "ion_runs_queued after every run ended"),
                    () -> assertTrue(after.status() == 200 && after.body().contains("\"status\":\"succeeded\""),
                            "a trivial run after the attack: HTTP " + after.status() + " " + after.body()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A3: a client sends {"type":"ping"} frames and never reads the pongs. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a3PingFloodFromAClientThatNeverReads() throws Exception {
        start("a3-ping", "");
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 4096, Duration.ofSeconds(30)));
        byte[] one = RawWebSocket.textFrame("{\"type\":\"ping\"}");
        byte[] batch = repeat(one, 65536 / one.length);
        Flood flood = Flood.start(ws, batch, A3_PING_FLOOD_BYTES);
        boolean swallowedAll = flood.awaitDone(FLOOD_WINDOW);
        boolean serverClosed = flood.closed();
        probe.awaitRounds(2, Duration.ofSeconds(60));
        long during = server.heapAfterGc();
        ws.close();
        Probe.Report report = probe.stop();
        long after = server.heapAfterGc();
        figure("A3", "ping flood: the server took " + mb(flood.sent()) + " MB of " + mb(A3_PING_FLOOD_BYTES)
                + " MB of pings from a client that never reads (" + (serverClosed ? "then closed it" : swallowedAll
                ? "all of it" : "then stopped reading") + "); heap after GC " + mb(baseline) + " MB before, "
                + mb(during) + " MB during, " + mb(after) + " MB after; " + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertTrue(during <= baseline + HEAP_SLACK + 2 * WRITE_QUEUE_BYTES,
                        "heap after GC while the flooding client is connected: " + mb(during) + " MB, before "
                                + mb(baseline) + " MB"),
                () -> assertTrue(!swallowedAll || serverClosed, "the server read all " + mb(A3_PING_FLOOD_BYTES)
                        + " MB of pings from a client that reads none of the answers instead of pausing or closing it"));
    }

    /** A3: a run that never reads its input gets 100 KB `send` frames as fast as the socket takes them. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a3SendFloodToARunThatNeverReadsItsInput() throws Exception {
        start("a3-send", "");
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 4096, Duration.ofSeconds(30)));
        ws.sendText("{\"type\":\"run\",\"ref\":\"deaf\",\"source\":\"sleep(60000); 1\",\"limits\":{\"deadline_ms\":60000}}");
        RawWebSocket.Frame started = ws.readUntil("\"type\":\"started\"", Duration.ofSeconds(30));
        assertTrue(started != null && started.opcode() == RawWebSocket.TEXT, "no started frame: " + started);
        String runId = IonApi.JSON.readTree(started.text()).path("run").asText();
        String value = "v".repeat(A3_SEND_VALUE_CHARS);
        byte[] frame = RawWebSocket.textFrame("{\"type\":\"send\",\"run\":\"" + runId + "\",\"value\":\"" + value + "\"}");
        Flood flood = Flood.start(ws, frame, (long) frame.length * A3_SEND_FRAMES);
        flood.awaitDone(FLOOD_WINDOW);
        boolean serverClosed = flood.closed();
        probe.awaitRounds(2, Duration.ofSeconds(60));
        long during = server.heapAfterGc();
        RawWebSocket.Frame refusal = serverClosed ? null : ws.readUntil("\"type\":\"error\"", Duration.ofSeconds(30));
        ws.close();
        awaitFinished(List.of(runId));
        Probe.Report report = probe.stop();
        long after = server.heapAfterGc();
        figure("A3", "send flood: " + mb(flood.sent()) + " MB of 100 KB input values taken by the server for a run"
                + " that never reads; heap after GC " + mb(baseline) + " MB before, " + mb(during) + " MB during, "
                + mb(after) + " MB after; first answer: " + (refusal == null ? "none" : refusal.text()) + "; "
                + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertTrue(during <= baseline + HEAP_SLACK + 2 * WRITE_QUEUE_BYTES,
                        "heap after GC while the run's unread input is pending: " + mb(during) + " MB, before "
                                + mb(baseline) + " MB"),
                () -> assertTrue(serverClosed || (refusal != null && refusal.opcode() == RawWebSocket.TEXT
                                && refusal.text().contains("\"code\"")),
                        "the sender of input nobody reads gets an error frame with a code; got "
                                + (refusal == null ? "nothing" : refusal.text())));
    }

    /** A4: many clients ask for the events of a finished run with a large history and never read them. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void a4SseReplayToClientsThatNeverRead() throws Exception {
        start("a4", "");
        RawHttp.Response big = attacker.submit("for i in 0..30000 { print(\"x\" * 200) }",
                Map.of("max_output_bytes", 8_000_000L), true, Duration.ofSeconds(60));
        assertEquals(200, big.status(), big.body());
        String runId = IonApi.json(big).path("id").asText();
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        int opened = 0;
        int refused = 0;
        List<Socket> readers = new ArrayList<>();
        long openUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int i = 0; i < A4_SSE_CLIENTS && System.nanoTime() < openUntil && server.outOfMemoryLines().isEmpty(); i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            keep(s);
            readers.add(s);
            try {
                s.bind(new java.net.InetSocketAddress(ATTACKER_ADDRESS, 0));
                s.connect(new java.net.InetSocketAddress(server.host(), server.port()), 30_000);
                s.getOutputStream().write(("GET /v1/runs/" + runId + "/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + ATTACKER_KEY + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String status = readStatusLine(s, Duration.ofSeconds(30));
                if (status.startsWith("HTTP/1.1 200")) opened++;
                else refused++;
            } catch (SocketTimeoutException e) {
                break; // the server no longer answers: the assertions below say why
            } catch (IOException e) {
                refused++;
            }
        }
        probe.awaitRounds(2, Duration.ofSeconds(60));
        long during = server.heapAfterGc();
        for (Socket s : readers) s.close();
        Probe.Report report = probe.stop();
        long after = server.heapAfterGc();
        int streams = opened;
        int refusals = refused;
        figure("A4", streams + " event streams of a run with 6 MB of output opened and never read ("
                + refused + " refused); heap after GC " + mb(baseline) + " MB before, " + mb(during) + " MB during, "
                + mb(after) + " MB after; " + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertTrue(streams + refusals >= A4_SSE_CLIENTS,
                        "the server stopped answering after " + streams + " streams (" + refusals + " refused)"),
                () -> assertTrue(during <= baseline + HEAP_SLACK + streams * 2 * WRITE_QUEUE_BYTES,
                        "heap after GC with " + streams + " unread event streams: " + mb(during) + " MB, before "
                                + mb(baseline) + " MB"));
    }

    /** A5: connections that send a request line and never finish their headers must be closed by the server. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a5HalfOpenConnectionsAreClosed() throws Exception {
        start("a5", HEADER_TIMEOUT_CONFIG);
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        List<Socket> sockets = new ArrayList<>();
        int refusedAtConnect = 0;
        for (int i = 0; i < A5_HALF_OPEN; i++) {
            Socket s = new Socket();
            keep(s);
            try {
                s.bind(new java.net.InetSocketAddress(ATTACKER_ADDRESS, 0));
                s.connect(new java.net.InetSocketAddress(server.host(), server.port()), 30_000);
                s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(s);
            } catch (IOException e) {
                refusedAtConnect++;
            }
        }
        long t0 = System.nanoTime();
        long end = t0 + HEADER_TIMEOUT.plusSeconds(30).toNanos();
        int stillOpen = 0;
        long lastClose = 0;
        for (Socket s : sockets) {
            if (awaitClosedByServer(s, end)) lastClose = System.nanoTime() - t0;
            else stillOpen++;
        }
        Probe.Report report = probe.stop();
        for (Socket s : sockets) s.close();
        double activeRequests = ServerProcess.Metrics.of(server).sum("vertx_http_server_active_requests", "");
        long after = server.heapAfterGc();
        int open = stillOpen;
        figure("A5", A5_HALF_OPEN + " half-open connections (" + refusedAtConnect + " refused at connect): "
                + (sockets.size() - open) + " closed by the server, the last " + lastClose / 1_000_000 + " ms after the last"
                + " was opened, " + open + " still open " + (end - t0) / 1_000_000_000 + " s later; active requests "
                + "afterwards " + activeRequests + "; " + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertEquals(0, open, "half-open connections the server had not closed within the header-read timeout ("
                        + HEADER_TIMEOUT.toSeconds() + " s) + 30 s"),
                () -> assertTrue(activeRequests <= 1.0, "vertx_http_server_active_requests once every half-open"
                        + " connection is gone (1 is the scrape itself): " + activeRequests));
    }

    /** A6: busy {@code loop {}} runs must not starve HTTP on their event loops. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a6BusyScriptsDoNotStarveHttp() throws Exception {
        start("a6", "");
        long baseline = server.heapAfterGc();
        List<String> burners = startRuns(attacker, "loop {}", LONG_RUN, A6_BUSY_RUNS);
        Probe probe = probe();
        boolean enough = probe.awaitRounds(15, Duration.ofSeconds(120));
        Probe.Report report = probe.stop();
        List<String> notBusy = cancelAll(attacker, burners, List.of("running", "cancelled"));
        awaitFinished(burners);
        long after = server.heapAfterGc();
        figure("A6", A6_BUSY_RUNS + " loop {} runs: " + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertTrue(enough, "the probe completed only " + report.rounds() + " rounds"),
                () -> assertTrue(notBusy.isEmpty(), "the busy runs must last the whole probe: " + notBusy));
    }

    /** A7: {@code deadline_ms} is a hard wall-clock limit even while the server is under the other attacks. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void a7DeadlinesHoldUnderAttack() throws Exception {
        start("a7", "");
        long baseline = server.heapAfterGc();
        List<String> load = new ArrayList<>(startRuns(attacker, "loop {}", LONG_RUN, A7_BUSY_RUNS));
        load.addAll(startRuns(attacker, WALKER, LONG_RUN, 2));
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 4096, Duration.ofSeconds(30)));
        byte[] ping = RawWebSocket.textFrame("{\"type\":\"ping\"}");
        Flood flood = Flood.start(ws, repeat(ping, 65536 / ping.length), A3_PING_FLOOD_BYTES);
        Probe probe = probe();
        long deadlineMs = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> victims = new ArrayList<>();
        try {
            for (String source : List.of("loop {}", "loop {}", "sleep(60000)", "sleep(60000)")) {
                victims.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    RawHttp.Response r = victim.submit(source, Map.of("deadline_ms", deadlineMs, "fuel", 100_000_000_000L),
                            true, Duration.ofSeconds(90));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    String message = r.status() == 200 ? IonApi.json(r).path("error").path("message").asText("") : "";
                    return source + " ended after " + ms + " ms: " + (message.isEmpty() ? "HTTP " + r.status() + " "
                            + r.body() : message) + "|" + ms + "|" + message.contains("deadline_ms");
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : victims) {
                try {
                    outcomes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add("no answer: " + e.getCause().getMessage() + "|" + Long.MAX_VALUE + "|false");
                }
            }
            probe.awaitRounds(1, Duration.ofSeconds(60));
            Probe.Report report = probe.stop();
            ws.close();
            cancelAll(attacker, load, List.of());
            awaitFinished(load);
            long after = server.heapAfterGc();
            List<String> late = outcomes.stream().filter(o -> {
                String[] p = o.split("\\|");
                return Long.parseLong(p[1]) > deadlineMs + machine.stretch(DEADLINE_GRACE).toMillis()
                        || !Boolean.parseBoolean(p[2]);
            }).map(o -> o.split("\\|")[0]).toList();
            figure("A7", "4 runs with deadline_ms " + deadlineMs + " under " + A7_BUSY_RUNS + " busy runs, 2 memory"
                    + " walkers and a ping flood: " + outcomes.stream().map(o -> o.split("\\|")[0]).toList() + "; "
                    + report.summary());
            assertAll(survived(report, baseline, after),
                    () -> assertTrue(late.isEmpty(), "runs that did not end with their deadline within "
                            + machine.stretch(DEADLINE_GRACE).toMillis() + " ms of it (" + machine + "): " + late));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A8: one key submitting far more runs than the server has slots must not lock the other key out. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a8OneKeyCannotTakeEverySlot() throws Exception {
        start("a8", "");
        long baseline = server.heapAfterGc();
        Probe probe = probe();
        List<String> accepted = new ArrayList<>();
        List<String> overloaded = new ArrayList<>();
        List<String> otherRefusals = new ArrayList<>();
        int limited = 0;
        for (int i = 0; i < A8_RUNS; i++) {
            RawHttp.Response r = attacker.submit("sleep(9000); 1", null, false, Duration.ofSeconds(30));
            if (r.status() == 202) accepted.add(IonApi.json(r).path("id").asText());
            else if (r.status() == 429 && r.header("Retry-After") != null) limited++;
            else if (r.status() == 503) overloaded.add(r.body());
            else otherRefusals.add("HTTP " + r.status() + " " + r.body());
        }
        RawHttp.Response mine = victim.submit("1", null, true, machine.stretch(TRIVIAL_RUN_BOUND));
        probe.awaitRounds(1, Duration.ofSeconds(60));
        Probe.Report report = probe.stop();
        cancelAll(attacker, accepted, List.of());
        awaitFinished(accepted);
        long after = server.heapAfterGc();
        int rateLimited = limited;
        figure("A8", A8_RUNS + " sleep(9000) runs from one key: " + accepted.size() + " admitted, " + rateLimited
                + " refused with 429, " + overloaded.size() + " with 503; the other key's run: HTTP " + mine.status()
                + "; " + report.summary());
        assertAll(survived(report, baseline, after),
                () -> assertTrue(mine.status() == 200 && mine.body().contains("\"status\":\"succeeded\""),
                        "the other key's run: HTTP " + mine.status() + " " + mine.body()),
                () -> assertTrue(accepted.size() < SERVER_SLOTS + SERVER_QUEUE, "one key was admitted "
                        + accepted.size() + " runs: every slot and queue place"),
                () -> assertTrue(overloaded.isEmpty(), "the flooding key must be refused by its share (429), not by"
                        + " the server being full (503): " + overloaded.size() + " times 503, e.g. "
                        + overloaded.stream().findFirst().orElse("")),
                () -> assertTrue(otherRefusals.isEmpty(), "other answers: " + otherRefusals));
    }

    // ---- the smaller findings of the same review ----------------------------------------------

    /** A WebSocket message over the size limit, sent in fragments, must be answered (error frame or close 1009), never dropped. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fragmentedOversizedWebSocketMessageIsAnswered() throws Exception {
        start("ws-fragments", "");
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 0, Duration.ofSeconds(30)));
        byte[] message = ("{\"type\":\"run\",\"ref\":\"too-big\",\"source\":\"1 // " + "x".repeat(1_200_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        int piece = 64 * 1024;
        for (int off = 0; off < message.length; off += piece) {
            int len = Math.min(piece, message.length - off);
            byte[] part = java.util.Arrays.copyOfRange(message, off, off + len);
            ws.write(RawWebSocket.frame(off + len >= message.length, off == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, part));
        }
        ws.sendText("{\"type\":\"ping\",\"ref\":\"after\"}");
        RawWebSocket.Frame f = answerOrPong(ws);
        assertTrue(f != null && ((f.opcode() == RawWebSocket.TEXT && f.text().contains("\"type\":\"error\"")
                        && f.text().contains("too-big")) || (f.opcode() == RawWebSocket.CLOSE && f.closeCode() == 1009)),
                "a fragmented 1.2 MB message must get an error frame naming its ref or a close frame 1009; got "
                        + describe(f));
    }

    /** One frame over the size limit gets a close frame 1009 with a reason, not a bare TCP close. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oversizedWebSocketFrameGetsACloseFrame() throws Exception {
        start("ws-big-frame", "");
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 0, Duration.ofSeconds(30)));
        try {
            ws.write(RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[2 << 20]));
        } catch (SocketException e) {
            // the server may close while the frame is still being written; its close frame is what matters
        }
        RawWebSocket.Frame f = ws.readUntil("\u0000never", Duration.ofSeconds(30));
        assertTrue(f != null && f.opcode() == RawWebSocket.CLOSE && f.closeCode() == 1009,
                "a 2 MB frame must be answered with a close frame 1009; got " + describe(f));
    }

    /** Invalid UTF-8 in a text frame closes the socket with 1007. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void invalidUtf8TextFrameIsClosedWith1007() throws Exception {
        start("ws-utf8", "");
        RawWebSocket ws = keep(RawWebSocket.open(server, ATTACKER_KEY, ATTACKER_ADDRESS, 0, Duration.ofSeconds(30)));
        byte[] head = "{\"type\":\"ping\",\"ref\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        ws.write(RawWebSocket.frame(true, RawWebSocket.TEXT, concat(head, bad, tail)));
        ws.sendText("{\"type\":\"ping\",\"ref\":\"after\"}");
        RawWebSocket.Frame f = answerOrPong(ws);
        assertTrue(f != null && f.opcode() == RawWebSocket.CLOSE && f.closeCode() == 1007,
                "a text frame with invalid UTF-8 must be closed with 1007; got " + describe(f));
    }

    /** A run whose only task waits on a channel nobody can send to fails at once as a deadlock, not at its deadline. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void unreachableChannelFailsAsDeadlock() throws Exception {
        start("deadlock", "");
        RawHttp.Response r = victim.submit("let (tx, rx) = channel(1); rx.recv()", null, true, Duration.ofSeconds(60));
        assertEquals(200, r.status(), r.body());
        String message = IonApi.json(r).path("error").path("message").asText("");
        assertTrue(message.startsWith("deadlock"), "expected a deadlock error, got " + r.body());
    }

    /** stats.peakMemoryBytes of a run that stayed within its memory limit does not exceed it. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void peakMemoryStaysWithinTheLimit() throws Exception {
        start("peak-memory", "");
        List<String> over = new ArrayList<>();
        for (String source : List.of(
                "let mut n = 0; for i in 0..30 { let t = \"x\" * 30_000_000; n += len(t) }; n",
                "let mut n = 0; for i in 0..50 { let a = bytes::zeroed(20_000_000); let b = bytes::zeroed(20_000_000);"
                        + " let c = bytes::zeroed(20_000_000); n += 1 }; n",
                "let (tx, rx) = channel(10); async { spawn { for i in 0..40 { tx.send(\"y\" * 3_000_000) } tx.close() };"
                        + " let mut n = 0; while let Some(v) = rx.recv() { n += 1 }; n }",
                WALKER.replace("loop {", "for j in 0..40 {"))) {
            RawHttp.Response r = victim.submit(source, LONG_RUN, true, Duration.ofSeconds(90));
            JsonNode run = IonApi.json(r);
            long peak = run.path("stats").path("peakMemoryBytes").asLong();
            long limit = run.path("limits").path("max_memory_bytes").asLong();
            figure("peak", "peakMemoryBytes " + peak + " (limit " + limit + ", " + run.path("status").asText() + ") for " + source);
            boolean memoryFailure = run.path("error").path("message").asText("").contains("max_memory_bytes");
            if (!memoryFailure && peak > limit) over.add(peak + " > " + limit + " for " + source);
        }
        assertTrue(over.isEmpty(), "runs that did not fail with the memory limit reported a peak above it: " + over);
    }

    // ---- harness ------------------------------------------------------------------------------

    private void start(String name, String extraConfig) throws Exception {
        machine = MachineLoad.now();
        figure(name.toUpperCase(Locale.ROOT), machine.toString());
        server = ServerProcess.start(name, JVM_FLAGS, BASE_CONFIG + extraConfig, Duration.ofSeconds(120));
        attacker = new IonApi(server, ATTACKER_KEY, ATTACKER_ADDRESS);
        victim = new IonApi(server, VICTIM_KEY, PROBE_ADDRESS);
        // warm up both keys' paths so that the heap baseline already holds what any server holds after a few runs
        for (int i = 0; i < 3; i++) {
            for (IonApi api : List.of(attacker, victim)) {
                RawHttp.Response r = api.submit("1", null, true, Duration.ofSeconds(60));
                if (r.status() != 200) throw new AssertionError("warm-up run: HTTP " + r.status() + " " + r.body());
            }
        }
    }

    @AfterEach
    void stopServer() {
        for (AutoCloseable c : cleanup) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (server != null) server.close();
    }

    private Probe probe() {
        Probe p = Probe.start(victim, machine.stretch(HEALTH_BOUND), machine.stretch(TRIVIAL_RUN_BOUND));
        cleanup.add(p);
        return p;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        cleanup.add(resource);
        return resource;
    }

    /** What every attack must leave behind: no OutOfMemoryError, a healthy probe, the heap back near its baseline. */
    private Executable survived(Probe.Report report, long baseline, long after) {
        List<String> oom = server.outOfMemoryLines();
        return () -> assertAll(
                () -> assertTrue(oom.isEmpty(), "OutOfMemoryError in the server: " + oom),
                () -> assertTrue(server.alive(), "the server process died; its output:\n" + server.output()),
                () -> assertTrue(report.rounds() >= 2, "the probe ran only " + report.rounds() + " rounds"),
                () -> assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.rounds()
                        + " probe rounds missed, e.g. " + report.failures().subList(0, Math.min(5, report.failures().size()))),
                () -> assertTrue(after <= baseline + HEAP_SLACK, "heap after GC once the attack is over: " + mb(after)
                        + " MB, before it: " + mb(baseline) + " MB (allowed: +" + mb(HEAP_SLACK) + " MB)"));
    }

    /** Starts {@code n} runs with {@code ?wait=false} and returns their ids. */
    private static List<String> startRuns(IonApi api, String source, Map<String, Long> limits, int n) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawHttp.Response r = api.submit(source, limits, false, Duration.ofSeconds(30));
            if (r.status() != 202) throw new AssertionError("starting the attack's runs: HTTP " + r.status() + " " + r.body());
            ids.add(IonApi.json(r).path("id").asText());
        }
        return ids;
    }

    /**
     * Waits for the server's "run finished" line of every run in {@code ids} and returns those
     * lines: a cancelled run lets go of its heap only once it has really stopped.
     */
    private List<String> awaitFinished(List<String> ids) throws InterruptedException {
        java.util.Set<String> wanted = java.util.Set.copyOf(ids);
        List<String> done = server.awaitLines(l -> l.contains("\"msg\":\"run finished\"") && wanted.contains(runOf(l)),
                wanted.size(), Duration.ofSeconds(60));
        if (done.size() < wanted.size()) {
            throw new AssertionError((wanted.size() - done.size()) + " of " + wanted.size()
                    + " cancelled runs had not finished 60 s later; server output:\n" + server.output());
        }
        return done;
    }

    private static String runOf(String logLine) {
        int at = logLine.indexOf("\"run\":\"");
        return at < 0 ? "" : logLine.substring(at + 7, logLine.indexOf('"', at + 7));
    }

    /**
     * Cancels every run; returns those whose status in the answer was none of {@code expected}
     * (empty: any). A running run may still say "running": cancellation takes effect at its
     * next instruction boundary.
     */
    private static List<String> cancelAll(IonApi api, List<String> ids, List<String> expected) throws IOException {
        List<String> unexpected = new ArrayList<>();
        for (String id : ids) {
            RawHttp.Response r = api.cancel(id, Duration.ofSeconds(60));
            String status = r.status() == 200 ? IonApi.json(r).path("status").asText() : "HTTP " + r.status();
            if (!expected.isEmpty() && !expected.contains(status)) unexpected.add(id + ": " + status + " " + r.body());
        }
        return unexpected;
    }

    /**
     * Reads until the answer to a frame the test sent before a {"type":"ping","ref":"after"}:
     * anything but the pong first (an error frame, a close frame, the end of the connection);
     * the pong first means the earlier frame went unanswered.
     */
    private static RawWebSocket.Frame answerOrPong(RawWebSocket ws) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            RawWebSocket.Frame f = ws.read(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
            if (f == null || f.opcode() != RawWebSocket.PING) return f;
        }
    }

    private static String describe(RawWebSocket.Frame f) {
        if (f == null) return "the TCP connection closed without a close frame";
        if (f.opcode() == RawWebSocket.CLOSE) return "close frame " + f.closeCode() + " '" + f.closeReason() + "'";
        return "frame " + f.opcode() + ": " + (f.text().length() > 300 ? f.text().substring(0, 300) + "…" : f.text());
    }

    /** True once the server closed {@code s} (end of stream or reset), false if it was still open at {@code end}. */
    private static boolean awaitClosedByServer(Socket s, long end) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            s.setSoTimeout((int) Math.max(1, left));
            try {
                if (in.read(buf) < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }
    }

    private static String readStatusLine(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        StringBuilder line = new StringBuilder();
        InputStream in = s.getInputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') line.append((char) b);
        return line.toString();
    }

    private static byte[] repeat(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(one, 0, all, i * one.length, one.length);
        return all;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void figure(String attack, String text) {
        String line = attack + ": " + text;
        System.out.println("[attack-suite] " + line);
        try {
            Path figures = Path.of("target", "attack-suite", "figures.txt");
            Files.createDirectories(figures.getParent());
            Files.writeString(figures, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the figure is on stdout anyway
        }
    }

    /**
     * Writes {@code chunk} over and over (up to {@code total} bytes) from its own thread,
     * never reading: a server that stops reading blocks it, one that closes ends it.
     */
    static final class Flood {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicLong sent = new AtomicLong();
        private volatile boolean closed;

        static Flood start(RawWebSocket ws, byte[] chunk, long total) {
            Flood f = new Flood();
            Thread t = new Thread(() -> {
                try {
                    while (f.sent.get() < total) {
                        ws.write(chunk);
                        f.sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    f.closed = true;
                }
                f.done.complete(null);
            }, "flood");
            t.setDaemon(true);
            t.start();
            return f;
        }

        /** True when the whole flood was written (or the connection ended) within {@code window}. */
        boolean awaitDone(Duration window) throws InterruptedException {
            try {
                done.get(window.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                return true;
            }
        }

        long sent() {
            return sent.get();
        }

        boolean closed() {
            return closed;
        }
    }
}
