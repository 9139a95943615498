package dev.ion.server.http;

import dev.ion.server.runs.RunSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every HTTP endpoint and its error paths, against a real server on port 0. */
class HttpApiTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.maxBodyBytes = 64 * 1024;
            cfg.maxSourceBytes = 1000;
            cfg.ceilings.put("deadline_ms", 60_000L);
            cfg.sseKeepAlive = "50ms";
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void postWaitsAndReturnsValueJsonOutputStatsAndLimits() {
        JsonObject r = t.run("print(\"hi\"); [1, 2] + [3]");
        assertThat(r.getString("id")).startsWith("run_");
        assertThat(r.getString("status")).isEqualTo("succeeded");
        assertThat(r.getString("value")).isEqualTo("[1, 2, 3]");
        assertThat(r.getJsonArray("json")).isEqualTo(new JsonArray("[1,2,3]"));
        assertThat(r.getString("output")).isEqualTo("hi\n");
        assertThat(r.getJsonObject("stats").getLong("fuel")).isPositive();
        assertThat(r.getJsonObject("stats").getInteger("tasks")).isEqualTo(1);
        assertThat(r.getJsonObject("limits").getLong("fuel")).isEqualTo(100_000_000L);
        assertThat(r.containsKey("error")).isFalse();
        // a value JSON cannot represent has a repr but no json
        JsonObject fn = t.run("fn f() { 1 }; f");
        assertThat(fn.getString("status")).isEqualTo("succeeded");
        assertThat(fn.containsKey("json")).isFalse();
        assertThat(fn.getString("value")).isNotBlank();
    }

    @Test
    void compileErrorIsAFailedRunNotAnHttpError() {
        JsonObject r = t.run("print(1 +)");
        assertThat(r.getString("status")).isEqualTo("failed");
        JsonObject e = r.getJsonObject("error");
        assertThat(e.getString("kind")).isEqualTo("parse");
        assertThat(e.getInteger("line")).isEqualTo(1);
        assertThat(e.getInteger("column")).isEqualTo(10);
        assertThat(t.run("let s = \"open").getJsonObject("error").getString("kind")).isEqualTo("lex");
    }

    @Test
    void runtimeErrorCarriesPositionAndTrace() {
        JsonObject r = t.run("fn half(n) {\n    assert(n % 2 == 0, \"odd\")\n}\nhalf(3)");
        assertThat(r.getString("status")).isEqualTo("failed");
        JsonObject e = r.getJsonObject("error");
        assertThat(e.getString("kind")).isEqualTo("runtime");
        assertThat(e.getInteger("line")).isEqualTo(2);
        assertThat(e.getJsonArray("trace").getJsonObject(0).getString("function")).isEqualTo("half");
    }

    @Test
    void limitAndDeadlineErrorsCarryPositionAndTrace() {
        HttpResponse<Buffer> r = t.post("/v1/runs",
                "{\"source\":\"let mut i = 0\\nloop { i += 1 }\",\"limits\":{\"fuel\":1000}}");
        JsonObject fuel = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(fuel.getString("kind")).isEqualTo("limit");
        assertThat(fuel.getInteger("line")).isEqualTo(2);
        assertThat(fuel.getInteger("column")).isEqualTo(8);
        assertThat(fuel.getJsonArray("trace").getJsonObject(0).getString("function")).isEqualTo("<script>");
        assertThat(fuel.getJsonArray("trace").getJsonObject(0).getInteger("line")).isEqualTo(2);
        r = t.post("/v1/runs",
                "{\"source\":\"fn nap() {\\n    sleep(1000000)\\n}\\nnap()\",\"limits\":{\"deadline_ms\":50}}");
        JsonObject deadline = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(deadline.getString("message")).contains("deadline_ms");
        assertThat(deadline.getInteger("line")).isEqualTo(2);
        assertThat(deadline.getInteger("column")).isEqualTo(5);
        assertThat(deadline.getJsonArray("trace").getJsonObject(0).getString("function")).isEqualTo("nap");
    }

    @Test
    void requestLimitsApplyAndAreClampedToCeilings() {
        HttpResponse<Buffer> r = t.post("/v1/runs",
                "{\"source\":\"loop {}\",\"limits\":{\"fuel\":1000,\"deadline_ms\":999999999}}");
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("failed");
        assertThat(body.getJsonObject("error").getString("kind")).isEqualTo("limit");
        assertThat(body.getJsonObject("limits").getLong("fuel")).isEqualTo(1000);
        assertThat(body.getJsonObject("limits").getLong("deadline_ms")).isEqualTo(60_000);
        assertError(t.post("/v1/runs", "{\"source\":\"1\",\"limits\":{\"speed\":1}}"), 400, "bad_request", "unknown limit");
        assertError(t.post("/v1/runs", "{\"source\":\"1\",\"limits\":{\"fuel\":0}}"), 400, "bad_request", "positive");
    }

    @Test
    void waitFalseAnswers202WithLocation() throws Exception {
        HttpResponse<Buffer> r = t.post("/v1/runs?wait=false", "{\"source\":\"sleep(50); 42\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        String id = r.bodyAsJsonObject().getString("id");
        assertThat(r.getHeader("Location")).isEqualTo("/v1/runs/" + id);
        assertThat(r.bodyAsJsonObject().getString("status")).isIn("running", "queued");
        JsonObject done = t.awaitFinished(id);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInteger("json")).isEqualTo(42);
    }

    @Test
    void deleteCancelsARun() throws Exception {
        String id = t.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}").bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> d = t.delete("/v1/runs/" + id);
        assertThat(d.statusCode()).isEqualTo(200);
        JsonObject done = t.awaitFinished(id);
        assertThat(done.getString("status")).isEqualTo("cancelled");
        assertThat(done.getJsonObject("error").getString("kind")).isEqualTo("cancelled");
        assertThat(t.delete("/v1/runs/" + id).bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    }

    @Test
    void inputRoundTripOverHttp() throws Exception {
        String src = "let mut total = 0; while let Some(v) = input.recv() { total += v[\"n\"] }; total";
        String id = t.post("/v1/runs?wait=false", new JsonObject().put("source", src).encode())
                .bodyAsJsonObject().getString("id");
        for (int i = 1; i <= 3; i++) {
            HttpResponse<Buffer> r = t.post("/v1/runs/" + id + "/input", "{\"n\":" + i + "}");
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
        }
        assertThat(t.await(t.request(HttpMethod.POST, "/v1/runs/" + id + "/input?close=true").send()).statusCode())
                .isEqualTo(204);
        assertThat(t.awaitFinished(id).getInteger("json")).isEqualTo(6);
        assertError(t.post("/v1/runs/" + id + "/input", "1"), 409, "conflict", "finished");
        assertError(t.post("/v1/runs/nope/input", "1"), 404, "not_found", "nope");
    }

    @Test
    void inputGivenInTheRequestIsReadThenClosed() {
        HttpResponse<Buffer> r = t.post("/v1/runs", "{\"source\":\"let mut xs = []; while let Some(v) = input.recv()"
                + " { xs = xs.push(v) }; xs\",\"input\":[1,\"two\",{\"three\":[3]}]}");
        assertThat(r.bodyAsJsonObject().getJsonArray("json")).isEqualTo(new JsonArray("[1,\"two\",{\"three\":[3]}]"));
    }

    @Test
    void serverSentEventsReplayAndResume() throws Exception {
        String src = "let (tx, rx) = channel(4); async { spawn { for i in 0..5 { tx.send(i) } tx.close() };"
                + " while let Some(v) = rx.recv() { print(v) } }; \"done\"";
        String id = t.run(src).getString("id");
        String all = t.get("/v1/runs/" + id + "/events").bodyAsString();
        assertThat(t.get("/v1/runs/" + id + "/events").getHeader("Content-Type")).startsWith("text/event-stream");
        java.util.List<String> ids = all.lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        assertThat(ids.get(0)).isEqualTo("1");
        for (int i = 0; i < ids.size(); i++) assertThat(ids.get(i)).isEqualTo(Integer.toString(i + 1));
        assertThat(all).contains("event: started").contains("event: output").contains("event: recv")
                .contains("event: result");
        assertThat(all.lines().filter(l -> l.equals("event: output")).count()).isEqualTo(5);
        String resumed = t.await(t.request(HttpMethod.GET, "/v1/runs/" + id + "/events")
                .putHeader("Last-Event-ID", "3").send()).bodyAsString();
        assertThat(resumed.lines().filter(l -> l.startsWith("id: ")).findFirst()).contains("id: 4");
        assertError(t.await(t.request(HttpMethod.GET, "/v1/runs/" + id + "/events")
                .putHeader("Last-Event-ID", "x").send()), 400, "bad_request", "Last-Event-ID");
    }

    @Test
    void liveServerSentEventsStreamWhileTheRunGoes() throws Exception {
        String src = "let (tx, rx) = channel(1); async { spawn { for i in 0..3 { sleep(30); tx.send(i) } tx.close() };"
                + " while let Some(v) = rx.recv() { } }; 7";
        String id = t.post("/v1/runs?wait=false", new JsonObject().put("source", src).encode())
                .bodyAsJsonObject().getString("id");
        String body = t.get("/v1/runs/" + id + "/events").bodyAsString();
        assertThat(body.lines().filter(l -> l.equals("event: recv")).count()).isGreaterThanOrEqualTo(3);
        assertThat(body).contains("event: result").contains("\"json\":7");
    }

    @Test
    void idleEventStreamsGetKeepAliveComments() {
        String id = t.post("/v1/runs?wait=false", new JsonObject().put("source", "sleep(400); 1").encode())
                .bodyAsJsonObject().getString("id");
        String body = t.get("/v1/runs/" + id + "/events").bodyAsString();
        assertThat(body).contains("\n: keep-alive\n").contains("event: result");
        assertThat(body.indexOf(": keep-alive")).isLessThan(body.indexOf("event: result"));
    }

    @Test
    void malformedRequestsAreJsonErrors() {
        assertError(t.post("/v1/runs", "{\"source\":"), 400, "invalid_json", "malformed");
        assertError(t.post("/v1/runs", "{\"source\":\"1\",\"extra\":true}"), 400, "bad_request", "unknown field 'extra'");
        assertError(t.post("/v1/runs", "{\"source\":7}"), 400, "bad_request", "source");
        assertError(t.post("/v1/runs", "{\"source\":\"1\",\"input\":\"no\"}"), 400, "bad_request", "input");
        assertError(t.post("/v1/runs", "{}"), 400, "bad_request", "missing field 'source'");
        assertError(t.post("/v1/runs", ""), 400, "bad_request", "empty body");
        assertError(t.post("/v1/runs", "{\"source\":\"1\",\"input\":" + "[".repeat(100) + "]".repeat(100) + "}"),
                400, "invalid_json", "nests too deeply");
        assertError(t.post("/v1/runs", new JsonObject().put("source", "x".repeat(2000)).encode()), 400,
                "source_too_large", "1000");
        assertError(t.post("/v1/runs", new JsonObject().put("source", "x".repeat(100_000)).encode()), 413,
                "payload_too_large", "larger");
        assertError(t.await(t.request(HttpMethod.POST, "/v1/runs").putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("1"))), 415, "unsupported_media_type", "text/plain");
        assertError(t.get("/v1/runs/run_missing"), 404, "not_found", "run_missing");
        assertError(t.delete("/v1/runs/run_missing"), 404, "not_found", "run_missing");
        assertError(t.get("/v1/runs/run_missing/events"), 404, "not_found", "run_missing");
        assertError(t.get("/v1/nothing"), 404, "not_found", "/v1/nothing");
        assertError(t.await(t.request(HttpMethod.PUT, "/v1/runs").send()), 405, "method_not_allowed", "PUT");
    }

    @Test
    void healthOpenApiAndMetrics() {
        assertThat(t.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(t.get("/health/ready").bodyAsJsonObject().getString("status")).isEqualTo("ready");
        HttpResponse<Buffer> api = t.get("/v1/openapi.yaml");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.bodyAsString()).startsWith("openapi: 3").contains("/v1/runs/{id}/events");
        t.run("1");
        String metrics = t.get("/metrics").bodyAsString();
        assertThat(metrics).contains("ion_runs_total{status=\"succeeded\"}", "ion_run_duration_seconds_bucket",
                "ion_runs_active", "ion_runs_queued", "ion_fuel_spent_total", "ion_output_bytes_total",
                "ion_websocket_connections", "ion_event_loop_lag_seconds", "jvm_memory_used_bytes",
                "vertx_http_server_requests_total", "netty_allocator");
        assertThat(metrics).contains("ion_rejected_requests_total");
    }

    @Test
    void clientDisconnectCancelsAWaitingPost() throws Exception {
        double before = cancelledCount();
        TestServer.RunEvents events = t.events();
        String body = "{\"source\":\"loop { sleep(5) }\"}";
        try (Socket s = new Socket("127.0.0.1", t.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            events.nextStarted();
            assertThat(t.server.runs().activeRuns()).isPositive();
        }
        RunSession ended = events.nextEnded();
        assertThat(ended.status().wire()).isEqualTo("cancelled");
        assertThat(cancelledCount()).isEqualTo(before + 1);
        t.server.runs().removeObserver(events);
    }

    static double cancelledCount() {
        var c = t.server.metrics().registry().find("ion.runs").tag("status", "cancelled").counter();
        return c == null ? 0 : c.count();
    }

    static void assertError(HttpResponse<Buffer> r, int status, String code, String fragment) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(e.getString("code")).isEqualTo(code);
        assertThat(e.getString("message")).contains(fragment);
    }

}
