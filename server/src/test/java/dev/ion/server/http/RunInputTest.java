package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.ion.server.http.HttpApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** A run's input: bounded while the script does not read it, closed at once when nobody can send. */
class RunInputTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.maxQueuedInputs = 3;
            cfg.maxQueuedInputBytes = 1000;
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void inputToARunThatDoesNotReadIsCappedByCountOverHttp() throws Exception {
        String id = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}").bodyAsJsonObject().getString("id");
        for (int i = 0; i < 3; i++) {
            assertThat(t.post("/v1/runs/" + id + "/input", Integer.toString(i)).statusCode()).isEqualTo(204);
        }
        HttpResponse<Buffer> refused = t.post("/v1/runs/" + id + "/input", "3");
        assertError(refused, 429, "rate_limited", "has not read its input");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        t.delete("/v1/runs/" + id);
    }

    @Test
    void inputIsCappedByBytesAndQueuedRunsObeyTheSameBound() throws Exception {
        String id = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}").bodyAsJsonObject().getString("id");
        String big = new JsonObject().put("s", "x".repeat(600)).encode();
        assertThat(t.post("/v1/runs/" + id + "/input", big).statusCode()).isEqualTo(204);
        assertError(t.post("/v1/runs/" + id + "/input", big), 429, "rate_limited", "1000 bytes");
        t.delete("/v1/runs/" + id);
    }

    @Test
    void overWebSocketTheSenderGetsAnErrorFrameAndReadInputNoLongerCounts() throws Exception {
        TestServer.Ws ws = t.ws();
        String run = ws.start("r", "let a = input.recv(); let b = input.recv(); loop { sleep(5) }");
        // two values are received by the script (each shows as a recv event) and stop counting
        for (int i = 0; i < 2; i++) {
            ws.send(new JsonObject().put("type", "send").put("run", run).put("value", i));
            assertThat(ws.next("recv").getInteger("json")).isEqualTo(i);
        }
        // the script reads no more: three may wait, the fourth is refused
        for (int i = 0; i < 3; i++) ws.send(new JsonObject().put("type", "send").put("run", run).put("value", i));
        ws.send(new JsonObject().put("type", "send").put("run", run).put("value", 99));
        JsonObject error = ws.next("error");
        assertThat(error.getString("run")).isEqualTo(run);
        assertThat(error.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
        ws.cancel(run);
        ws.next("error");
        ws.close();
    }

    @Test
    void receivingEqualValuesFromAnotherChannelDoesNotReleaseHeldInput() throws Exception {
        TestServer.Ws ws = t.ws();
        // The script receives the value 1 from its own channel once for every line it prints;
        // small ints are shared objects, so only receives from the input channel may count.
        String run = ws.start("own",
                "let (tx, rx) = channel(1); loop { tx.send(1); rx.recv(); print(\"got\"); sleep(1) }");
        for (int i = 0; i < 3; i++) ws.send(new JsonObject().put("type", "send").put("run", run).put("value", 1));
        ws.next("output");
        ws.next("output");
        ws.send(new JsonObject().put("type", "send").put("run", run).put("value", 1));
        JsonObject error = ws.next("error");
        assertThat(error.getString("run")).isEqualTo(run);
        assertThat(error.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
        ws.cancel(run);
        ws.close();
    }

    @Test
    void aBlockingPostWithoutInputHasItsInputClosedAtStart() {
        JsonObject r = t.run("input.recv()");
        assertThat(r.getString("status")).isEqualTo("succeeded");
        assertThat(r.getString("value")).isEqualTo("None");
    }

    @Test
    void aRunStartedWithoutWaitingKeepsItsInputOpen() throws Exception {
        String id = t.post("/v1/runs?wait=false", "{\"source\":\"input.recv()\"}").bodyAsJsonObject().getString("id");
        assertThat(t.post("/v1/runs/" + id + "/input", "7").statusCode()).isEqualTo(204);
        assertThat(t.awaitFinished(id).getString("value")).isEqualTo("Some(7)");
    }
}
