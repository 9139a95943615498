package dev.ion.server.http;

import dev.ion.server.ops.ServerConfig;
import dev.ion.server.runs.RunSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ion.server.http.HttpApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** API keys, per-key quotas (429), server-wide admission (503), key isolation and drain. */
class AdmissionTest {
    static ServerConfig.ApiKey key(String secret, String name, Integer concurrent, Integer perMinute) {
        ServerConfig.ApiKey k = new ServerConfig.ApiKey();
        k.key = secret;
        k.name = name;
        k.maxConcurrentRuns = concurrent;
        k.runsPerMinute = perMinute;
        return k;
    }

    @Test
    void apiKeysQuotasAndIsolation() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.apiKeys.addAll(List.of(
                key("s3cret-a", "alice", 1, null),
                key("s3cret-b", "bob", null, 2))))) {
            assertError(t.post("/v1/runs", "{\"source\":\"1\"}"), 401, "unauthorized", "Bearer");
            t.apiKey = "wrong";
            assertError(t.post("/v1/runs", "{\"source\":\"1\"}"), 401, "unauthorized", "unknown API key");
            assertThat(t.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(t.get("/v1/openapi.yaml").statusCode()).isEqualTo(200);

            // alice: one run in flight at a time
            t.apiKey = "s3cret-a";
            HttpResponse<Buffer> first = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}");
            assertThat(first.statusCode()).isEqualTo(202);
            String aliceRun = first.bodyAsJsonObject().getString("id");
            HttpResponse<Buffer> second = t.post("/v1/runs", "{\"source\":\"1\"}");
            assertError(second, 429, "rate_limited", "alice");
            assertThat(second.getHeader("Retry-After")).isEqualTo("1");
            // WebSocket runs obey the same quota, as an error frame
            TestServer.Ws ws = t.ws();
            ws.send(new JsonObject().put("type", "run").put("ref", "q").put("source", "1"));
            JsonObject refused = ws.next();
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("ref")).isEqualTo("q");
            assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
            ws.close();

            // bob cannot see alice's run
            t.apiKey = "s3cret-b";
            assertError(t.get("/v1/runs/" + aliceRun), 404, "not_found", aliceRun);
            // bob: two runs per minute
            HttpResponse<Buffer> b1 = t.post("/v1/runs", "{\"source\":\"1\"}");
            assertThat(b1.statusCode()).isEqualTo(200);
            assertThat(b1.getHeader("RateLimit-Limit")).isEqualTo("2");
            assertThat(b1.getHeader("RateLimit-Remaining")).isEqualTo("1");
            assertThat(t.post("/v1/runs", "{\"source\":\"1\"}").statusCode()).isEqualTo(200);
            HttpResponse<Buffer> b3 = t.post("/v1/runs", "{\"source\":\"1\"}");
            assertError(b3, 429, "rate_limited", "per minute");
            assertThat(Long.parseLong(b3.getHeader("Retry-After"))).isBetween(1L, 30L);
            assertThat(b3.getHeader("RateLimit-Remaining")).isEqualTo("0");
            assertThat(b3.getHeader("RateLimit-Reset")).isNotNull();

            t.apiKey = "s3cret-a";
            assertThat(t.delete("/v1/runs/" + aliceRun).statusCode()).isEqualTo(200);
            assertThat(t.awaitFinished(aliceRun).getString("status")).isEqualTo("cancelled");
            assertThat(t.run("2").getInteger("json")).isEqualTo(2);
            assertThat(t.get("/metrics").bodyAsString())
                    .contains("ion_rejected_requests_total{reason=\"concurrency_quota\"}")
                    .contains("ion_rejected_requests_total{reason=\"rate_quota\"}")
                    .contains("ion_rejected_requests_total{reason=\"unauthorized\"}");
        }
    }

    @Test
    void fullServerQueuesThenAnswers503() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.maxConcurrentRuns = 1;
            cfg.maxQueuedRuns = 1;
        })) {
            String running = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}").bodyAsJsonObject().getString("id");
            HttpResponse<Buffer> queued = t.post("/v1/runs?wait=false", "{\"source\":\"40 + 2\"}");
            assertThat(queued.bodyAsJsonObject().getString("status")).isEqualTo("queued");
            String queuedId = queued.bodyAsJsonObject().getString("id");
            assertThat(t.post("/v1/runs/" + queuedId + "/input", "5").statusCode()).isEqualTo(204);
            HttpResponse<Buffer> refused = t.post("/v1/runs", "{\"source\":\"1\"}");
            assertError(refused, 503, "overloaded", "queued");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            t.delete("/v1/runs/" + running);
            assertThat(t.awaitFinished(queuedId).getInteger("json")).isEqualTo(42);
        }
    }

    @Test
    void drainLetsRunsFinishRefusesNewOnesAndCancelsStragglers() throws Exception {
        TestServer t = new TestServer(cfg -> { });
        try {
            String shortRun = t.post("/v1/runs?wait=false", "{\"source\":\"sleep(300); 1\"}").bodyAsJsonObject().getString("id");
            String endless = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}").bodyAsJsonObject().getString("id");
            RunSession shortSession = t.server.runs().get(shortRun, t.server.authenticate(null));
            RunSession endlessSession = t.server.runs().get(endless, t.server.authenticate(null));
            Thread drainer = new Thread(() -> {
                try {
                    t.server.runs().drain(java.time.Duration.ofMillis(1500));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.server.runs().refuseNewRuns();
            drainer.start();
            assertThat(t.get("/health/ready").statusCode()).isEqualTo(503);
            assertError(t.post("/v1/runs", "{\"source\":\"1\"}"), 503, "shutting_down", "shutting down");
            drainer.join(10_000);
            assertThat(shortSession.done().get().status().wire()).isEqualTo("succeeded");
            assertThat(endlessSession.done().get().status().wire()).isEqualTo("cancelled");
        } finally {
            t.close();
        }
    }
}
