package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ion.server.http.HttpApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** With two keys and no quotas, one key cannot take every slot and queue place (maxKeyShare, 50 %). */
class KeyShareTest {
    static final String ENDLESS = "{\"source\":\"loop { sleep(5) }\"}";

    @Test
    void oneKeyGetsHalfTheSlotsAndHalfTheQueue() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.maxConcurrentRuns = 4;
            cfg.maxQueuedRuns = 4;
            cfg.apiKeys.add(AdmissionTest.key("secret-a", "a", null, null));
            cfg.apiKeys.add(AdmissionTest.key("secret-b", "b", null, null));
        })) {
            List<String> aRuns = new ArrayList<>();
            t.apiKey = "secret-a";
            for (String expected : List.of("running", "running", "queued", "queued")) {
                HttpResponse<Buffer> r = t.post("/v1/runs?wait=false", ENDLESS);
                assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
                assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo(expected);
                aRuns.add(r.bodyAsJsonObject().getString("id"));
            }
            HttpResponse<Buffer> refused = t.post("/v1/runs?wait=false", ENDLESS);
            assertError(refused, 429, "rate_limited", "share");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");

            // the other key still gets slots, then queue places, then its own 429
            t.apiKey = "secret-b";
            List<String> bRuns = new ArrayList<>();
            for (String expected : List.of("running", "running", "queued", "queued")) {
                HttpResponse<Buffer> r = t.post("/v1/runs?wait=false", ENDLESS);
                assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
                assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo(expected);
                bRuns.add(r.bodyAsJsonObject().getString("id"));
            }
            assertError(t.post("/v1/runs?wait=false", ENDLESS), 429, "rate_limited", "share");

            // a's queued run starts when one of a's runs ends, not b's
            t.apiKey = "secret-a";
            TestServer.RunEvents events = t.events();
            t.delete("/v1/runs/" + aRuns.get(0));
            assertThat(events.nextStarted().id()).isEqualTo(aRuns.get(2));
            for (String id : aRuns) t.delete("/v1/runs/" + id);
            t.apiKey = "secret-b";
            for (String id : bRuns) t.delete("/v1/runs/" + id);
            assertThat(t.get("/metrics").bodyAsString()).contains("ion_rejected_requests_total{reason=\"key_share\"}");
        }
    }
}
