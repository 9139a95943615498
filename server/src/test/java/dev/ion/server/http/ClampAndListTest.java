package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ion.server.http.HttpApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Limits above the ceiling are clamped and said so; GET /v1/runs pages through the caller's runs. */
class ClampAndListTest {
    @Test
    void defaultCeilingsAllowASixtySecondDeadlineAndClampingIsReported() throws Exception {
        try (TestServer t = new TestServer(cfg -> { })) {
            JsonObject plain = t.run("1");
            assertThat(plain.getJsonObject("limits").getLong("deadline_ms")).isEqualTo(10_000);
            assertThat(plain.containsKey("clamped")).isFalse();

            JsonObject sixty = t.post("/v1/runs", "{\"source\":\"1\",\"limits\":{\"deadline_ms\":60000}}").bodyAsJsonObject();
            assertThat(sixty.getJsonObject("limits").getLong("deadline_ms")).isEqualTo(60_000);
            assertThat(sixty.containsKey("clamped")).isFalse();

            HttpResponse<Buffer> r = t.post("/v1/runs?wait=false",
                    "{\"source\":\"1\",\"limits\":{\"deadline_ms\":600000,\"fuel\":1000}}");
            JsonObject accepted = r.bodyAsJsonObject();
            assertThat(accepted.getJsonObject("clamped"))
                    .isEqualTo(new JsonObject("{\"deadline_ms\":{\"requested\":600000,\"allowed\":60000}}"));
            JsonObject done = t.awaitFinished(accepted.getString("id"));
            assertThat(done.getJsonObject("clamped").getJsonObject("deadline_ms").getLong("allowed")).isEqualTo(60_000);
            assertThat(done.getJsonObject("limits").getLong("fuel")).isEqualTo(1000);

            TestServer.Ws ws = t.ws();
            ws.send(new JsonObject().put("type", "run").put("ref", "c").put("source", "1")
                    .put("limits", new JsonObject().put("deadline_ms", 600_000)));
            JsonObject started = ws.next("started");
            assertThat(started.getJsonObject("clamped").getJsonObject("deadline_ms").getLong("requested"))
                    .isEqualTo(600_000);
            ws.close();
        }
    }

    @Test
    void listingShowsOnlyTheCallersRunsNewestFirstInPages() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.apiKeys.add(AdmissionTest.key("secret-a", "a", null, null));
            cfg.apiKeys.add(AdmissionTest.key("secret-b", "b", null, null));
        })) {
            t.apiKey = "secret-a";
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 3; i++) mine.add(t.run(Integer.toString(i)).getString("id"));
            String running = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}")
                    .bodyAsJsonObject().getString("id");
            mine.add(running);
            t.apiKey = "secret-b";
            String theirs = t.run("9").getString("id");

            t.apiKey = "secret-a";
            HttpResponse<Buffer> first = t.get("/v1/runs?limit=3");
            assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
            JsonArray page = first.bodyAsJsonObject().getJsonArray("runs");
            assertThat(ids(page)).containsExactly(mine.get(3), mine.get(2), mine.get(1));
            JsonObject newest = page.getJsonObject(0);
            assertThat(newest.getString("status")).isEqualTo("running");
            assertThat(newest.getString("created")).isNotBlank();
            assertThat(newest.containsKey("finished")).isFalse();
            assertThat(page.getJsonObject(1).getString("status")).isEqualTo("succeeded");
            assertThat(page.getJsonObject(1).getString("finished")).isNotBlank();
            String next = first.bodyAsJsonObject().getString("next");
            assertThat(next).isNotNull();

            JsonObject second = t.get("/v1/runs?limit=3&cursor=" + next).bodyAsJsonObject();
            assertThat(ids(second.getJsonArray("runs"))).containsExactly(mine.get(0));
            assertThat(second.getString("next")).isNull();
            assertThat(ids(t.get("/v1/runs").bodyAsJsonObject().getJsonArray("runs"))).doesNotContain(theirs).hasSize(4);

            assertError(t.get("/v1/runs?limit=0"), 400, "bad_request", "limit");
            assertError(t.get("/v1/runs?cursor=zz"), 400, "bad_request", "cursor");
            t.delete("/v1/runs/" + running);
        }
    }

    static List<String> ids(JsonArray runs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) ids.add(runs.getJsonObject(i).getString("id"));
        return ids;
    }
}
