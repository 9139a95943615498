package dev.ion.server.runs;

import dev.ion.server.http.TestServer;
import dev.ion.server.runs.RunSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deadline_ms is a hard limit: when the engine does not end a run at its deadline (here its
 * completion is swallowed by the test's fault hook), the server ends it at deadline plus
 * grace anyway, answers with the deadline error, frees the slot and cancels the engine.
 */
class HardDeadlineTest {
    @Test
    void theServerEndsARunWhoseEngineDoesNot() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.deadlineGrace = "200ms")) {
            TestServer.RunEvents events = t.events();
            t.server.runs().faults = step -> {
                if (step.equals("engine")) throw new IllegalStateException("engine completion lost");
            };
            HttpResponse<Buffer> r = t.post("/v1/runs", new JsonObject().put("source", "loop { sleep(5) }")
                    .put("limits", new JsonObject().put("deadline_ms", 300)).encode());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("failed");
            assertThat(body.getJsonObject("error").getString("kind")).isEqualTo("limit");
            assertThat(body.getJsonObject("error").getString("message")).contains("deadline_ms");
            assertThat(t.server.runs().activeRuns()).isZero();

            // the engine's run was cancelled: nothing keeps it alive any more
            RunSession s = events.nextStarted();
            assertThat(s.engineRun()).isNull();
            assertThat(events.nextEnded()).isSameAs(s);
            t.server.runs().faults = null;
            assertThat(t.run("1").getInteger("json")).isEqualTo(1);
        }
    }
}
