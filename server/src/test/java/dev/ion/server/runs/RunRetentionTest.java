package dev.ion.server.runs;

import dev.ion.engine.Run;
import dev.ion.server.http.TestServer;
import dev.ion.server.runs.RunSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A finished or cancelled run keeps its result, history and stats, never the script's heap. */
class RunRetentionTest {
    @Test
    void finishedAndCancelledRunsLetGoOfTheEngine() throws Exception {
        try (TestServer t = new TestServer(cfg -> { })) {
            TestServer.RunEvents events = t.events();
            ReferenceQueue<Run> cleared = events.collected;
            List<RunSession> sessions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonObject r = t.run("let s = bytes::zeroed(4_000_000); len(s)");
                assertThat(r.getLong("json")).isEqualTo(4_000_000L);
                RunSession s = events.nextStarted();
                sessions.add(s);
            }
            for (int i = 0; i < 2; i++) {
                HttpResponse<Buffer> r = t.post("/v1/runs?wait=false",
                        "{\"source\":\"let s = bytes::zeroed(4_000_000); loop { sleep(5) }\"}");
                assertThat(r.statusCode()).isEqualTo(202);
                RunSession s = events.nextStarted();
                assertThat(events.engines.get(s.id()).refersTo(null)).isFalse();
                sessions.add(s);
                String id = r.bodyAsJsonObject().getString("id");
                assertThat(t.delete("/v1/runs/" + id).statusCode()).isEqualTo(200);
                assertThat(t.awaitFinished(id).getString("status")).isEqualTo("cancelled");
            }
            // The sessions are still retained (GET finds them) but must not reach their engines.
            for (RunSession s : sessions) {
                assertThat(t.get("/v1/runs/" + s.id()).statusCode()).isEqualTo(200);
            }
            int left = events.engines.size();
            assertThat(left).isEqualTo(5);
            for (int attempt = 0; attempt < 100 && left > 0; attempt++) {
                System.gc();
                while (left > 0 && cleared.remove(1000) != null) left--;
            }
            assertThat(left).as("engines still reachable from finished sessions").isZero();
            assertThat(sessions).allSatisfy(s -> assertThat(s.engineRun()).isNull());
        }
    }
}
