package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import dev.ion.server.ops.ServerConfig;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three clustered servers in this JVM (one cluster for the class): a run admitted by one node
 * is read, fed, followed and cancelled through the others, with the owner's seq numbers.
 */
class ClusterForwardingTest {
    static TestServer a;
    static TestServer b;
    static TestServer c;

    @BeforeAll
    static void start() {
        int pa = ClusterNodes.freePort();
        int pb = ClusterNodes.freePort();
        int pc = ClusterNodes.freePort();
        List<String> members = ClusterNodes.members(pa, pb, pc);
        Consumer<ServerConfig> bigOutput = cfg -> {
            cfg.defaults.put("max_output_bytes", 16L << 20);
            cfg.defaults.put("deadline_ms", 60_000L);
            cfg.apiKeys.add(key("free", "free-key", null, null));
            cfg.apiKeys.add(key("two", "two-key", 2, null));
            cfg.apiKeys.add(key("slow", "slow-key", null, 3));
            cfg.maxKeyShare = 1.0;
        };
        a = ClusterNodes.node(pa, members, bigOutput.andThen(cfg -> cfg.maxConcurrentRuns = 2));
        b = ClusterNodes.node(pb, members, bigOutput);
        c = ClusterNodes.node(pc, members, bigOutput);
        for (TestServer t : new TestServer[]{a, b, c}) t.apiKey = "free-key";
    }

    private static ServerConfig.ApiKey key(String name, String secret, Integer concurrent, Integer perMinute) {
        ServerConfig.ApiKey k = new ServerConfig.ApiKey();
        k.name = name;
        k.key = secret;
        k.maxConcurrentRuns = concurrent;
        k.runsPerMinute = perMinute;
        return k;
    }

    @AfterAll
    static void stop() {
        for (TestServer t : new TestServer[]{c, b, a}) {
            if (t != null) t.close();
        }
    }

    private static String startOnA(String source) {
        HttpResponse<Buffer> r = a.post("/v1/runs?wait=false", new JsonObject().put("source", source).encode());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        String id = r.bodyAsJsonObject().getString("id");
        assertThat(id).startsWith("run_" + a.server.clusterTag());
        return id;
    }

    @Test
    void aRunOnAIsFollowedOnBFedThroughCAndCancelledThroughB() throws Exception {
        String id = startOnA("print(\"ready\"); let v = input.recv(); print(\"got \" + str(v)); loop { sleep(5) }");
        List<SseReader.Record> seen = new ArrayList<>();
        try (SseReader onB = new SseReader(b.port(), "/v1/runs/" + id + "/events", null)) {
            assertThat(onB.next().data()).contains("200");
            seen.add(onB.next("started"));
            SseReader.Record ready = onB.next("output");
            seen.add(ready);
            assertThat(ready.data()).contains("ready");

            assertThat(c.post("/v1/runs/" + id + "/input", "41").statusCode()).isEqualTo(204);
            seen.add(onB.next("recv"));
            SseReader.Record got = onB.next("output");
            seen.add(got);
            assertThat(got.data()).contains("got Some(41)");

            for (TestServer t : new TestServer[]{a, b, c}) {
                JsonObject run = t.get("/v1/runs/" + id).bodyAsJsonObject();
                assertThat(run.getString("id")).isEqualTo(id);
                assertThat(run.getString("status")).isEqualTo("running");
                assertThat(run.getString("output")).isEqualTo("ready\ngot Some(41)\n");
            }

            HttpResponse<Buffer> cancelled = b.delete("/v1/runs/" + id);
            assertThat(cancelled.statusCode()).isEqualTo(200);
            SseReader.Record end = onB.next("error");
            seen.add(end);
            assertThat(new JsonObject(end.data()).getString("status")).isEqualTo("cancelled");
            assertThat(onB.next().type()).isEqualTo("eof");
        }
        for (int i = 0; i < seen.size(); i++) assertThat(seen.get(i).id()).isEqualTo(i + 1);

        JsonObject fromC = c.get("/v1/runs/" + id).bodyAsJsonObject();
        assertThat(fromC.getString("status")).isEqualTo("cancelled");
        try (SseReader resumed = new SseReader(c.port(), "/v1/runs/" + id + "/events", "3")) {
            resumed.next("status");
            SseReader.Record first = resumed.next();
            assertThat(first.id()).isEqualTo(4);
            assertThat(first.data()).contains("got Some(41)");
            assertThat(resumed.next("error").id()).isEqualTo(5);
        }
        // B pulled events (long polls) and forwarded a GET and a DELETE: only those two kinds are timed
        String metrics = b.get("/metrics").bodyAsString();
        double pulls = metric(metrics, "ion_runs_forwarded_total{op=\"events\"");
        double all = metric(metrics, "ion_runs_forwarded_total{");
        assertThat(pulls).isPositive();
        assertThat(all).isGreaterThan(pulls);
        assertThat(metric(metrics, "ion_forward_latency_seconds_count")).isEqualTo(all - pulls);
    }

    /** The sum of the samples whose line starts with {@code prefix} in a Prometheus scrape. */
    private static double metric(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void webSocketFramesReachARunOnAnotherNode() throws Exception {
        String id = startOnA("let v = input.recv(); print(\"got \" + str(v)); input.recv(); 7");
        try (SseReader onA = new SseReader(a.port(), "/v1/runs/" + id + "/events", null)) {
            onA.next("started");
            TestServer.Ws ws = b.ws();
            ws.send(new JsonObject().put("type", "send").put("run", id).put("value", 5));
            assertThat(onA.next("output").data()).contains("got Some(5)");
            ws.send(new JsonObject().put("type", "close-input").put("run", id));
            JsonObject result = new JsonObject(onA.next("result").data());
            assertThat(result.getString("value")).isEqualTo("7");
            ws.send(new JsonObject().put("type", "cancel").put("run", "run_zzzzzz0123456789abcdef"));
            JsonObject error = ws.next("error");
            assertThat(error.getJsonObject("error").getString("code")).isEqualTo("not_found");
            ws.close();
        }
    }

    @Test
    void aSlowReaderOnBParksTheScriptOnAAndGetsEveryEventInOrder() throws Exception {
        TestServer.RunEvents onA = a.events();
        String id = startOnA("input.recv(); let pad = \"x\".repeat(100); for i in 0..60000 { print(str(i) + pad) }; 7");
        try (java.net.Socket s = new java.net.Socket()) {
            s.setReceiveBufferSize(4096);
            s.setSoTimeout(60_000);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", b.port()));
            s.getOutputStream().write(("GET /v1/runs/" + id + "/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SseReader.KEY + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while (!(line = in.readLine()).equals("id: 1")) {
                assertThat(line).doesNotStartWith("id: ");
            }
            long expected = 2;
            // the reader follows live now; it stops reading while the script prints
            assertThat(c.post("/v1/runs/" + id + "/input", "1").statusCode()).isEqualTo(204);
            // B takes no more from A than this client takes from B: the script on A parks
            assertThat(TestServer.RunEvents.next(onA.parked, "parked").id()).isEqualTo(id);
            String lastType = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) assertThat(Long.parseLong(line.substring(4))).isEqualTo(expected++);
                else if (line.startsWith("event: ")) {
                    lastType = line.substring(7);
                    if (lastType.equals("result")) break;
                }
            }
            assertThat(lastType).isEqualTo("result");
            assertThat(expected - 1).isEqualTo(60_003);
        } finally {
            a.server.runs().removeObserver(onA);
        }
        assertThat(b.server.metrics().scrape()).contains("ion_cluster_events_relayed_total")
                .contains("ion_cluster_members 3.0").contains("ion_runs_forwarded_total{op=\"events\"");
    }

    @Test
    void aKeysConcurrencyQuotaHoldsAcrossNodes() {
        String first = startAs(a, "two-key");
        String second = startAs(b, "two-key");
        HttpResponse<Buffer> third = postAs(c, "two-key");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("in the cluster");
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        as(b, "two-key", () -> assertThat(b.delete("/v1/runs/" + first).statusCode()).isEqualTo(200));
        as(a, "two-key", () -> a.awaitFinished(first));
        String again = startAs(c, "two-key");
        as(c, "two-key", () -> assertThat(c.delete("/v1/runs/" + second).statusCode()).isEqualTo(200));
        as(c, "two-key", () -> assertThat(c.delete("/v1/runs/" + again).statusCode()).isEqualTo(200));
    }

    @Test
    void aKeysRunsPerMinuteHoldAcrossNodes() {
        for (TestServer t : new TestServer[]{a, b, c}) {
            HttpResponse<Buffer> r = as(t, "slow-key", () -> t.post("/v1/runs", "{\"source\":\"1\"}"));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        HttpResponse<Buffer> fourth = as(a, "slow-key", () -> a.post("/v1/runs", "{\"source\":\"1\"}"));
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("3 runs per minute");
        assertThat(Integer.parseInt(fourth.getHeader("Retry-After"))).isBetween(1, 20);
        assertThat(fourth.getHeader("RateLimit-Limit")).isEqualTo("3");
        assertThat(fourth.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(fourth.getHeader("RateLimit-Reset")).isEqualTo(fourth.getHeader("Retry-After"));
    }

    @Test
    void aFullNodePlacesNewRunsOnAMemberWithRoom() throws Exception {
        String one = startOnA("loop { sleep(5) }");
        TestServer.Ws ws = a.ws();
        try {
            ws.send(new JsonObject().put("type", "run").put("ref", "local").put("source", "input.recv(); 1"));
            String local = ws.next("started").getString("run");
            assertThat(local).startsWith("run_" + a.server.clusterTag());
            // A runs two now, all it may: the next runs go elsewhere
            ws.send(new JsonObject().put("type", "run").put("ref", "placed").put("source", "input.recv(); 2"));
            JsonObject started = ws.next("started");
            assertThat(started.getString("ref")).isEqualTo("placed");
            String placedWs = started.getString("run");
            assertThat(placedWs).doesNotStartWith("run_" + a.server.clusterTag());
            ws.send(new JsonObject().put("type", "send").put("run", placedWs).put("value", 0));
            ws.send(new JsonObject().put("type", "send").put("run", local).put("value", 0));
            Map<String, String> results = new HashMap<>();
            while (results.size() < 2) {
                JsonObject f = ws.next("result");
                results.put(f.getString("run"), f.getString("value"));
            }
            assertThat(results).containsEntry(local, "1").containsEntry(placedWs, "2");

            String two = startOnA("loop { sleep(5) }");
            HttpResponse<Buffer> placed = a.post("/v1/runs?wait=false", "{\"source\":\"input.recv()\"}");
            assertThat(placed.statusCode()).isEqualTo(202);
            String id = placed.bodyAsJsonObject().getString("id");
            assertThat(id).doesNotStartWith("run_" + a.server.clusterTag());
            assertThat(placed.getHeader("Location")).isEqualTo("/v1/runs/" + id);
            assertThat(a.post("/v1/runs/" + id + "/input?close=true", "5").statusCode()).isEqualTo(204);

            JsonObject waited = a.run("6 * 7");
            assertThat(waited.getString("value")).isEqualTo("42");
            assertThat(waited.getString("id")).doesNotStartWith("run_" + a.server.clusterTag());
            assertThat(a.get("/v1/runs/" + waited.getString("id")).bodyAsJsonObject().getString("status"))
                    .isEqualTo("succeeded");
            TestServer owner = id.startsWith("run_" + b.server.clusterTag()) ? b : c;
            assertThat(owner.awaitFinished(id).getString("status")).isEqualTo("succeeded");
            a.delete("/v1/runs/" + two);
        } finally {
            ws.close();
            a.delete("/v1/runs/" + one);
        }
    }

    @Test
    void runsPlacedOnANodeShareItsEventLoops() {
        String one = startOnA("loop { sleep(5) }");
        String two = startOnA("loop { sleep(5) }");
        Map<TestServer, Set<Context>> loops = new HashMap<>();
        Map<TestServer, Integer> placed = new HashMap<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<Buffer> r = a.post("/v1/runs?wait=false", "{\"source\":\"input.recv()\"}");
                assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
                String id = r.bodyAsJsonObject().getString("id");
                ids.add(id);
                TestServer owner = id.startsWith("run_" + b.server.clusterTag()) ? b : c;
                assertThat(id).startsWith("run_" + owner.server.clusterTag());
                loops.computeIfAbsent(owner, k -> Collections.newSetFromMap(new IdentityHashMap<>()))
                        .add(owner.server.runs().getForKey(id, "free").context());
                placed.merge(owner, 1, Integer::sum);
            }
            // five runs on two nodes: one node took at least three, and its event loops took turns
            TestServer busiest = placed.get(b) != null && placed.get(b) >= 3 ? b : c;
            assertThat(placed.get(busiest)).isGreaterThanOrEqualTo(3);
            assertThat(loops.get(busiest)).hasSizeGreaterThan(1);
        } finally {
            for (String id : ids) a.delete("/v1/runs/" + id);
            a.delete("/v1/runs/" + one);
            a.delete("/v1/runs/" + two);
        }
    }

    private static String startAs(TestServer t, String key) {
        HttpResponse<Buffer> r = postAs(t, key);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        return r.bodyAsJsonObject().getString("id");
    }

    private static HttpResponse<Buffer> postAs(TestServer t, String key) {
        return as(t, key, () -> t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}"));
    }

    interface Call<T> {
        T call() throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    private static void as(TestServer t, String key, Step step) {
        as(t, key, () -> {
            step.run();
            return null;
        });
    }

    private static synchronized <T> T as(TestServer t, String key, Call<T> call) {
        String before = t.apiKey;
        t.apiKey = key;
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            t.apiKey = before;
        }
    }

    @Test
    void errorsOfTheOwnerReachTheClientAsTheyAre() {
        String id = startOnA("7");
        HttpResponse<Buffer> unknownOnB = b.get("/v1/runs/run_zzzzzz0123456789abcdef");
        assertThat(unknownOnB.statusCode()).isEqualTo(404);
        assertThat(unknownOnB.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("not_found");
        assertThat(unknownOnB.bodyAsJsonObject().getJsonObject("error").getString("message"))
                .isEqualTo("no run 'run_zzzzzz0123456789abcdef'");
        HttpResponse<Buffer> missingOnA = b.get("/v1/runs/run_" + a.server.clusterTag() + "0123456789abcdef");
        assertThat(missingOnA.statusCode()).isEqualTo(404);
        assertThat(missingOnA.bodyAsJsonObject().getJsonObject("error").getString("message"))
                .isEqualTo("no run 'run_" + a.server.clusterTag() + "0123456789abcdef'");
        HttpResponse<Buffer> eventsOfMissing = b.get("/v1/runs/run_" + a.server.clusterTag() + "0123456789abcdef/events");
        assertThat(eventsOfMissing.statusCode()).isEqualTo(404);
        HttpResponse<Buffer> finished = TestServer.await(c.request(io.vertx.core.http.HttpMethod.POST, "/v1/runs/" + id
                + "/input").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("1")));
        // the run may still be finishing when the input arrives; either way the owner's answer comes back
        assertThat(finished.statusCode()).isIn(204, 409);
    }
}
