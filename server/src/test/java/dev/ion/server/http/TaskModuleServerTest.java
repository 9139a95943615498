package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ion.server.http.TestServer.runFrame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code task} module on the real server (issue 20): broadcast and oneshot receivers stream {@code recv}
 * events like ordinary channels, and {@code demo_lookup}, the server's host async function, works under retry
 * and parallel_map and is withdrawn when its run is cancelled.
 */
class TaskModuleServerTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> { });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static List<JsonObject> ofType(List<JsonObject> frames, String type) {
        return frames.stream().filter(f -> f.getString("type").equals(type)).toList();
    }

    @Test
    void broadcastReceiversStreamARecvEventPerMessageEach() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("b", """
                let (tx, subscribe) = task::broadcast(8);
                let a = subscribe();
                let b = subscribe();
                async {
                    let ha = spawn { let mut n = 0; while let Some(v) = a.recv() { n += v } n };
                    let hb = spawn { let mut n = 0; while let Some(v) = b.recv() { n += v } n };
                    for i in 1..=3 { tx.send(i * 10) }
                    tx.close();
                    [ha.await, hb.await]
                }"""));
        List<JsonObject> frames = ws.untilEnd();
        JsonObject result = frames.get(frames.size() - 1);
        assertThat(result.getString("type")).isEqualTo("result");
        assertThat(result.getJsonArray("json").getList()).containsExactly(60, 60);
        List<JsonObject> recvs = ofType(frames, "recv");
        assertThat(recvs).hasSize(6);
        assertThat(recvs.stream().map(f -> f.getLong("channel")).distinct().toList()).hasSize(1);
        assertThat(recvs.stream().map(f -> f.getInteger("task")).distinct().toList()).hasSize(2);
        List<Integer> values = new ArrayList<>();
        for (JsonObject f : recvs) values.add(f.getInteger("json"));
        assertThat(values).containsExactlyInAnyOrder(10, 10, 20, 20, 30, 30);
        ws.close();
    }

    @Test
    void aOneshotReceiverStreamsItsRecvEvent() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("o", "let (tx, rx) = task::oneshot(); async { spawn tx.send(#{answer: 42}); rx.recv() }"));
        List<JsonObject> frames = ws.untilEnd();
        List<JsonObject> recvs = ofType(frames, "recv");
        assertThat(recvs).hasSize(1);
        assertThat(recvs.get(0).getJsonObject("json")).isEqualTo(new JsonObject().put("answer", 42));
        ws.close();
    }

    @Test
    void demoLookupAnswersUnderRetryAndParallelMap() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("l", """
                let keys = ["a", "flaky-b", "c", "flaky-d"];
                let got = task::parallel_map(keys, 2, |k| task::retry(|| demo_lookup(k), #{initial_backoff_ms: 1}));
                let missing = try { demo_lookup("missing-x") } catch e { e };
                [got, missing]"""));
        List<JsonObject> frames = ws.untilEnd();
        JsonObject result = frames.get(frames.size() - 1);
        assertThat(result.getString("type")).as(result.encode()).isEqualTo("result");
        assertThat(result.getJsonArray("json").getJsonArray(0).getList()).containsExactly("A", "FLAKY-B", "C", "FLAKY-D");
        assertThat(result.getJsonArray("json").getString(1)).isEqualTo("demo_lookup: no such key 'missing-x'");
        ws.close();
    }

    @Test
    void demoLookupRejectsABadKeyAsAnError() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(runFrame("k", "demo_lookup(42)"));
        JsonObject end = ws.next("error");
        assertThat(end.encode()).contains("demo_lookup() expected a key string of 1 to 100 characters, got int");
        assertThat(end.getJsonObject("error").getString("kind")).isEqualTo("type");
        ws.close();
    }

    @Test
    void aRunWaitingOnDemoLookupsIsCancelled() throws Exception {
        TestServer.Ws ws = t.ws();
        String id = ws.start("c", "loop { task::parallel_for_each(0..4, 4, |i| demo_lookup(f\"key-{i}\")) }");
        ws.cancel(id);
        JsonObject end = ws.next("error");
        assertThat(end.getString("status")).isEqualTo("cancelled");
        ws.close();
    }
}
