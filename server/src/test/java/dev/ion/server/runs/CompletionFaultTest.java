package dev.ion.server.runs;

import dev.ion.server.http.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every run ends exactly once whatever throws in its start or completion path: an
 * OutOfMemoryError injected at each step still answers the client, returns the slot and
 * logs "run finished"; a failure inside the server shows as error kind "internal".
 */
class CompletionFaultTest {
    /** A hook that throws an OutOfMemoryError the first time {@code step} is reached. */
    static java.util.function.Consumer<String> once(String step) {
        AtomicBoolean fired = new AtomicBoolean();
        return s -> {
            if (s.equals(step) && fired.compareAndSet(false, true)) throw new OutOfMemoryError("injected at " + step);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "result", "publish", "subscribers", "finished", "metrics", "log", "observers"})
    void aFailureAtEachStepStillEndsTheRun(String step) throws Exception {
        // lines written as they are logged (no batching), so the run's end is in the log when the client has its answer
        try (TestServer t = new TestServer(cfg -> {
            cfg.log = true;
            cfg.logFlushInterval = "0";
        })) {
            // HTTP, blocking: the client is answered, the slot is free, the end is logged
            t.server.runs().faults = once(step);
            HttpResponse<Buffer> r = t.post("/v1/runs", "{\"source\":\"40 + 2\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            String id = body.getString("id");
            if (step.equals("start") || step.equals("result")) {
                assertThat(body.getString("status")).isEqualTo("failed");
                assertThat(body.getJsonObject("error").getString("kind")).isEqualTo("internal");
                assertThat(body.getJsonObject("error").getString("message")).isEqualTo("internal error");
            } else {
                assertThat(body.getString("status")).isEqualTo("succeeded");
                assertThat(body.getInteger("json")).isEqualTo(42);
            }
            assertThat(t.server.runs().activeRuns()).isZero();
            JsonObject again = t.get("/v1/runs/" + id).bodyAsJsonObject();
            assertThat(again.getString("status")).isEqualTo(body.getString("status"));
            if (!again.getString("status").equals("succeeded")) assertThat(again.getJsonObject("error")).isNotNull();
            assertThat(t.logs.toString(StandardCharsets.UTF_8)).contains("\"msg\":\"run finished\",\"run\":\"" + id + "\"");

            // WebSocket: the client gets the run's last frame (an internal error when it could not be sent)
            t.server.runs().faults = once(step);
            TestServer.Ws ws = t.ws();
            ws.send(new JsonObject().put("type", "run").put("ref", "w").put("source", "40 + 2"));
            var frames = ws.untilEnd();
            JsonObject last = frames.get(frames.size() - 1);
            if (step.equals("start") || step.equals("result") || step.equals("publish")) {
                assertThat(last.getString("type")).isEqualTo("error");
                assertThat(last.getJsonObject("error").getString("kind")).isEqualTo("internal");
            } else {
                assertThat(last.getString("type")).isEqualTo("result");
            }
            ws.close();
            String wsRun = last.getString("run");
            t.server.runs().get(wsRun, t.server.authenticate(null)).done().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(t.server.runs().activeRuns()).isZero();
            t.server.runs().faults = null;
            // the server still runs normally afterwards and no slot leaked
            assertThat(t.run("1").getInteger("json")).isEqualTo(1);
            assertThat(t.server.runs().activeRuns()).isZero();
            // and a drain finds nothing to wait for or cancel (a leaked slot would be cancelled here)
            assertThat(t.server.runs().drain(java.time.Duration.ofSeconds(60))).isZero();
        }
    }
}
