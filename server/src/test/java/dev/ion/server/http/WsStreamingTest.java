package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's events share socket writes ({@link WsFlushConsolidation}) without changing what
 * the client sees: a burst arrives whole and in order, one event per text frame, and an event
 * written just before the run parks — with nothing written after it to push it out — still
 * arrives while the run waits.
 */
class WsStreamingTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> cfg.writeQueueBytes = 16 * 1024);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aBurstArrivesWholeAndInOrderAndALoneEventAfterItArrivesWhileTheRunWaits() throws Exception {
        TestServer.Ws ws = t.ws();
        int burst = 20_000;
        String id = ws.start("burst", "let (tx, rx) = channel(256);"
                + " let n = async { spawn { for i in 0.." + burst + " { tx.send(i) }; tx.close() };"
                + " let mut n = 0; while let Some(v) = rx.recv() { n += 1 }; n };"
                + " print(n);"
                + " let mut total = 0; while let Some(v) = input.recv() { total += v }; total");
        long seq = 1;
        for (int i = 0; i < burst; i++) {
            JsonObject f = ws.next();
            assertThat(f.getString("type")).as(f.encode()).isEqualTo("recv");
            assertThat(f.getString("run")).isEqualTo(id);
            assertThat(f.getLong("seq")).isEqualTo(++seq);
            assertThat(f.getInteger("json")).isEqualTo(i);
        }
        // The run now waits for input: nothing more is written until the client sends, so
        // this frame arrives only if the last write was flushed on its own.
        JsonObject printed = ws.next();
        assertThat(printed.getString("type")).isEqualTo("output");
        assertThat(printed.getString("text")).isEqualTo(burst + "\n");
        assertThat(printed.getLong("seq")).isEqualTo(++seq);
        assertThat(t.get("/v1/runs/" + id).bodyAsJsonObject().getString("status")).isEqualTo("running");

        for (int v = 1; v <= 3; v++) {
            ws.send(new JsonObject().put("type", "send").put("run", id).put("value", v));
            JsonObject recv = ws.next();
            assertThat(recv.getString("type")).isEqualTo("recv");
            assertThat(recv.getLong("seq")).isEqualTo(++seq);
            assertThat(recv.getInteger("json")).isEqualTo(v);
        }
        ws.send(new JsonObject().put("type", "close-input").put("run", id));
        List<JsonObject> rest = ws.untilEnd();
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).getString("type")).isEqualTo("result");
        assertThat(rest.get(0).getInteger("json")).isEqualTo(6);
        ws.close();
    }
}
