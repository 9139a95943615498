package dev.ion.server.http;

import dev.ion.server.runs.RunSession;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ion.server.http.TestServer.runFrame;
import static org.assertj.core.api.Assertions.assertThat;

/** The /v1/ws protocol: multiplexing, streaming order, select, input, errors, back-pressure, disconnects, load. */
@ExtendWith(VertxExtension.class)
class WebSocketTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.maxQueuedRuns = 1000;
            cfg.ceilings.put("deadline_ms", 120_000L);
            cfg.writeQueueBytes = 16 * 1024;
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void tenThousandRecvEventsArriveInOrder() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("big", "let (tx, rx) = channel(64);"
                + " async { spawn { for i in 0..10000 { tx.send(i) } tx.close() };"
                + " let mut n = 0; while let Some(v) = rx.recv() { n += 1 }; n }"));
        JsonObject started = ws.next();
        assertThat(started.getString("type")).isEqualTo("started");
        assertThat(started.getString("ref")).isEqualTo("big");
        assertThat(started.getLong("seq")).isEqualTo(1);
        String id = started.getString("run");
        List<JsonObject> frames = ws.untilEnd();
        JsonObject last = frames.get(frames.size() - 1);
        assertThat(last.getString("type")).isEqualTo("result");
        assertThat(last.getInteger("json")).isEqualTo(10_000);
        List<Integer> values = new ArrayList<>();
        long seq = 1;
        for (JsonObject f : frames) {
            assertThat(f.getString("run")).isEqualTo(id);
            assertThat(f.getLong("seq")).isEqualTo(++seq);
            if (f.getString("type").equals("recv") && f.getValue("json") instanceof Integer i) values.add(i);
        }
        assertThat(values).hasSize(10_000);
        for (int i = 0; i < values.size(); i++) assertThat(values.get(i)).isEqualTo(i);
        ws.close();
    }

    @Test
    void selectEventsReportTheWinningArm() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("s", "fn f(ms, v) { sleep(ms); v }; select { a = f(200, 1) => a, b = f(5, 2) => b * 10 }"));
        List<JsonObject> frames = ws.untilEnd();
        JsonObject select = frames.stream().filter(f -> f.getString("type").equals("select")).findFirst().orElseThrow();
        assertThat(select.getInteger("arm")).isEqualTo(1);
        assertThat(select.getString("value")).isEqualTo("2");
        assertThat(frames.get(frames.size() - 1).getInteger("json")).isEqualTo(20);
        ws.close();
    }

    @Test
    void inputRoundTripOverWebSocket() throws Exception {
        TestServer.Ws ws = t.ws();
        String id = ws.start("in",
                "let mut out = []; while let Some(v) = input.recv() { print(v); out = out.push(v) }; out");
        ws.send(new JsonObject().put("type", "send").put("run", id).put("value", new JsonObject().put("a", 1)));
        ws.send(new JsonObject().put("type", "send").put("run", id).put("value", "two"));
        JsonObject recv = ws.next("recv");
        assertThat(recv.getJsonObject("json")).isEqualTo(new JsonObject().put("a", 1));
        ws.send(new JsonObject().put("type", "close-input").put("run", id));
        List<JsonObject> rest = ws.untilEnd();
        JsonObject result = rest.get(rest.size() - 1);
        assertThat(result.getString("type")).isEqualTo("result");
        assertThat(result.getJsonArray("json").encode()).isEqualTo("[{\"a\":1},\"two\"]");
        ws.close();
    }

    @Test
    void closeInputRightAfterManySendsLosesNoneOfThem() throws Exception {
        TestServer.Ws ws = t.ws();
        String id = ws.start("many", "let mut total = 0; while let Some(v) = input.recv() { total += v }; total");
        for (int i = 1; i <= 300; i++) ws.send(new JsonObject().put("type", "send").put("run", id).put("value", i));
        ws.send(new JsonObject().put("type", "close-input").put("run", id));
        ws.send(new JsonObject().put("type", "send").put("run", id).put("value", 1_000_000));
        // The refusal and the run's end race: the run may end (its input closed) before the
        // server has read the last send, which is then refused because the run has finished.
        List<JsonObject> frames = new ArrayList<>();
        JsonObject result = null;
        List<JsonObject> errors = new ArrayList<>();
        while (result == null || errors.isEmpty()) {
            JsonObject f = ws.next();
            frames.add(f);
            if (f.getString("type").equals("result") || f.containsKey("status")) result = f;
            else if (f.getString("type").equals("error")) errors.add(f);
        }
        assertThat(errors).as("only the value sent after close-input is refused").hasSize(1);
        assertThat(errors.get(0).getJsonObject("error").getString("code")).isEqualTo("conflict");
        assertThat(errors.get(0).getJsonObject("error").getString("message"))
                .matches("the input of run " + id + " is closed|run " + id + " has finished");
        assertThat(frames.stream().filter(f -> f.getString("type").equals("recv"))).hasSize(300);
        assertThat(result.getString("type")).isEqualTo("result");
        assertThat(result.getInteger("json")).isEqualTo(300 * 301 / 2);
        ws.close();
    }

    @Test
    void malformedFramesGetErrorFramesAndTheSocketStaysUsable() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.sendRaw("{not json");
        JsonObject e1 = ws.next();
        assertThat(e1.getString("type")).isEqualTo("error");
        assertThat(e1.getJsonObject("error").getString("code")).isEqualTo("invalid_json");
        ws.sendRaw("{\"type\":\"teleport\",\"ref\":\"r9\"}");
        JsonObject e2 = ws.next();
        assertThat(e2.getJsonObject("error").getString("message")).contains("teleport");
        assertThat(e2.getString("ref")).isEqualTo("r9");
        ws.sendRaw("{\"type\":\"run\",\"ref\":\"r1\",\"source\":\"1\",\"bogus\":1}");
        assertThat(ws.next().getJsonObject("error").getString("message")).contains("bogus");
        ws.cancel("run_nope");
        assertThat(ws.next().getJsonObject("error").getString("code")).isEqualTo("not_found");
        ws.send(new JsonObject().put("type", "ping").put("ref", "p"));
        assertThat(ws.next().getString("type")).isEqualTo("pong");
        ws.send(runFrame("ok", "print(\"fine\"); 1 + 1"));
        List<JsonObject> frames = ws.untilEnd();
        assertThat(frames.get(0).getString("type")).isEqualTo("started");
        assertThat(frames.get(1).getString("text")).isEqualTo("fine\n");
        assertThat(frames.get(frames.size() - 1).getInteger("json")).isEqualTo(2);
        ws.send(runFrame("bad", "1 +"));
        List<JsonObject> failed = ws.untilEnd();
        JsonObject err = failed.get(failed.size() - 1);
        assertThat(err.getString("type")).isEqualTo("error");
        assertThat(err.getString("status")).isEqualTo("failed");
        assertThat(err.getJsonObject("error").getString("kind")).isEqualTo("parse");
        ws.close();
    }

    @Test
    void runsAreMultiplexedWithTheirOwnSeq() throws Exception {
        TestServer.Ws ws = t.ws();
        for (int i = 0; i < 5; i++) {
            ws.send(runFrame("m" + i, "for i in 0..20 { print(i); sleep(1) }; " + i));
        }
        Map<String, Long> seqs = new HashMap<>();
        Map<String, Integer> results = new HashMap<>();
        while (results.size() < 5) {
            JsonObject f = ws.next();
            String run = f.getString("run");
            long expected = seqs.getOrDefault(run, 0L) + 1;
            assertThat(f.getLong("seq")).as(f.encode()).isEqualTo(expected);
            seqs.put(run, expected);
            if (f.getString("type").equals("result")) results.put(run, f.getInteger("json"));
        }
        assertThat(results.values()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(seqs.values()).allMatch(s -> s == 22);
        ws.close();
    }

    @Test
    void cancelFrameAndDisconnectCancelRuns() throws Exception {
        TestServer.Ws ws = t.ws();
        String id = ws.start("c", "loop { sleep(5) }");
        ws.cancel(id);
        JsonObject end = ws.next("error");
        assertThat(end.getString("status")).isEqualTo("cancelled");

        ws.send(runFrame("d1", "loop { sleep(5) }"));
        ws.send(runFrame("d2", "input.recv()"));
        String d1 = ws.next("started").getString("run");
        String d2 = ws.next("started").getString("run");
        ws.close();
        assertThat(t.awaitFinished(d1).getString("status")).isEqualTo("cancelled");
        assertThat(t.awaitFinished(d2).getString("status")).isEqualTo("cancelled");
    }

    @Test
    void aSlowReaderParksTheScriptInsteadOfQueueingWithoutBound() throws Exception {
        TestServer.RunEvents events = t.events();
        TestServer.Ws ws = t.ws();
        ws.socket.pause();
        ws.send(runFrame("flood", "let (tx, rx) = channel(8); let s = \"x\".repeat(2000);"
                + " async { spawn { loop { tx.send(s) } }; loop { rx.recv() } }")
                .put("limits", new JsonObject().put("deadline_ms", 60_000)));
        // The reader is paused: once the socket's queue fills, the emitting task parks.
        RunSession session = TestServer.RunEvents.next(events.parked, "parked");
        assertThat(t.get("/v1/runs/" + session.id()).bodyAsJsonObject().getString("status")).isEqualTo("running");
        assertThat(events.released).as("no drain while the reader is paused").isEmpty();
        // Reading again drains the queue and lets the script go on.
        ws.socket.resume();
        assertThat(TestServer.RunEvents.next(events.released, "released")).isSameAs(session);
        t.delete("/v1/runs/" + session.id());
        assertThat(t.awaitFinished(session.id()).getString("status")).isEqualTo("cancelled");
        ws.close();
    }

    @Test
    void aHundredConcurrentClientsWithThreeRunsEach(VertxTestContext ctx) {
        int clients = 100;
        int runsEach = 3;
        Checkpoint done = ctx.checkpoint(clients);
        AtomicInteger results = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            int client = c;
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(t.port())
                    .setURI("/v1/ws");
            Future<WebSocket> connect = t.wsClient.connect(o);
            connect.onComplete(ctx.succeeding(ws -> {
                Map<String, Integer> expected = new HashMap<>();
                int[] seen = {0};
                ws.textMessageHandler(text -> {
                    JsonObject f = new JsonObject(text);
                    if (f.getString("type").equals("started")) {
                        expected.put(f.getString("run"), Integer.parseInt(f.getString("ref").split("-")[1]));
                    } else if (f.getString("type").equals("result")) {
                        ctx.verify(() -> assertThat(f.getInteger("json"))
                                .isEqualTo(client * 10 + expected.get(f.getString("run"))));
                        results.incrementAndGet();
                        if (++seen[0] == runsEach) ws.close().onComplete(ctx.succeeding(v -> done.flag()));
                    } else if (f.getString("type").equals("error")) {
                        ctx.failNow(new AssertionError(text));
                    }
                });
                for (int r = 0; r < runsEach; r++) {
                    ws.writeTextMessage(runFrame(client + "-" + r, "sleep(5); " + client + " * 10 + " + r).encode());
                }
            }));
        }
    }
}
