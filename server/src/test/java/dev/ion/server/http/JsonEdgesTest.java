package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of JSON given to and taken from a script, over real HTTP and WebSocket: numbers
 * a script cannot hold are refused by name and place, no answer names a Java class, and a
 * compile error lists every problem.
 */
class JsonEdgesTest {
    static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]");
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> cfg.ceilings.put("deadline_ms", 60_000L));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void requestInputOutsideTheIntRangeIsA400NamingTheNumberAndItsPlace() {
        HttpResponse<Buffer> r = t.post("/v1/runs", "{\"source\":\"input.recv()\",\"input\":[1,2,12345678901234567890]}");
        assertError(r, 400, "bad_request", "input[2]: 12345678901234567890 is outside the int range (-2^63..2^63-1)");
    }

    @Test
    void requestInputThatOverflowsAFloatIsA400() {
        assertError(t.post("/v1/runs", "{\"source\":\"input.recv()\",\"input\":[1e400]}"), 400, "bad_request",
                "input[0]: 1E+400 is outside the float range");
    }

    @Test
    void normalNumbersStillReachTheScriptAsTheirType() {
        HttpResponse<Buffer> r = t.post("/v1/runs", "{\"source\":\"let mut xs = []; while let Some(v) = input.recv()"
                + " { xs = xs.push(type_of(v)) }; xs\",\"input\":[9223372036854775807,-9223372036854775808,2.5,1e300]}");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getJsonArray("json"))
                .isEqualTo(new JsonArray("[\"int\",\"int\",\"float\",\"float\"]"));
    }

    @Test
    void inputBodiesAreOneValueInRange() throws Exception {
        String id = t.post("/v1/runs?wait=false", "{\"source\":\"let mut n = 0; while let Some(v) = input.recv()"
                + " { n += v }; n\"}").bodyAsJsonObject().getString("id");
        assertError(t.post("/v1/runs/" + id + "/input", "1 2"), 400, "invalid_json",
                "expected one JSON value, found more after it at line 1, column 3");
        assertError(t.post("/v1/runs/" + id + "/input", "12345678901234567890"), 400, "bad_request",
                "body: 12345678901234567890 is outside the int range");
        assertError(t.post("/v1/runs/" + id + "/input", "1e400"), 400, "bad_request",
                "body: 1E+400 is outside the float range");
        assertThat(t.post("/v1/runs/" + id + "/input", "40").statusCode()).isEqualTo(204);
        assertThat(t.post("/v1/runs/" + id + "/input?close=true", "2").statusCode()).isEqualTo(204);
        assertThat(t.awaitFinished(id).getInteger("json")).isEqualTo(42);
    }

    @Test
    void webSocketSendAndRunFramesRefuseOutOfRangeNumbers() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.sendRaw("{\"type\":\"run\",\"ref\":\"a\",\"source\":\"1\",\"input\":[1e400]}");
        JsonObject refused = ws.next("error");
        assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("bad_request");
        assertThat(refused.getJsonObject("error").getString("message")).startsWith("input[0]: 1E+400 is outside");
        ws.send(new JsonObject().put("type", "run").put("ref", "b").put("source", "input.recv()"));
        String run = ws.next("started").getString("run");
        ws.sendRaw("{\"type\":\"send\",\"run\":\"" + run + "\",\"value\":[12345678901234567890]}");
        JsonObject bad = ws.next("error");
        assertThat(bad.getJsonObject("error").getString("message"))
                .isEqualTo("value[0]: 12345678901234567890 is outside the int range (-2^63..2^63-1)");
        ws.sendRaw("{\"type\":\"send\",\"run\":\"" + run + "\",\"value\":7}");
        JsonObject result = ws.next("result");
        assertThat(result.getString("value")).isEqualTo("Some(7)");
        ws.close();
    }

    @Test
    void malformedBodiesNameNoJavaClass() {
        for (String body : new String[]{"[1]", "{\"source\":1}", "{\"source\":\"1\"} {}", "{\"source\":\"1\",\"x\":1}",
                "{\"source\":NaN}", "{\"source\":\"1\",\"limits\":{\"fuel\":1e400}}", "{\"source\":\"1\"/**/}"}) {
            HttpResponse<Buffer> r = t.post("/v1/runs", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            String message = r.bodyAsJsonObject().getJsonObject("error").getString("message");
            assertThat(CLASS_NAME.matcher(message).find()).as(message).isFalse();
            assertThat(message.toLowerCase()).as(message).doesNotContain("jackson", "com.", "`", "feature");
        }
    }

    @Test
    void aCompileErrorListsEveryProblemAfterTheFirst() {
        JsonObject r = t.run("let x = ;\nlet y = (1 + 2;");
        assertThat(r.getString("status")).isEqualTo("failed");
        JsonObject e = r.getJsonObject("error");
        assertThat(e.getString("kind")).isEqualTo("parse");
        assertThat(e.getInteger("line")).isEqualTo(1);
        JsonArray errors = e.getJsonArray("errors");
        assertThat(errors.size()).isGreaterThanOrEqualTo(2);
        JsonObject first = errors.getJsonObject(0);
        assertThat(first.getString("kind")).isEqualTo(e.getString("kind"));
        assertThat(first.getString("message")).isEqualTo(e.getString("message"));
        assertThat(first.getInteger("line")).isEqualTo(1);
        assertThat(first.getInteger("column")).isEqualTo(e.getInteger("column"));
        assertThat(errors.getJsonObject(1).getInteger("line")).isEqualTo(2);
        assertThat(errors.getJsonObject(1).getInteger("column")).isPositive();
        // a runtime error has a trace and no errors list
        assertThat(t.run("[1][5]").getJsonObject("error").containsKey("errors")).isFalse();
    }

    @Test
    void theWebSocketAndSseErrorFramesCarryTheListToo() throws Exception {
        TestServer.Ws ws = t.ws();
        ws.send(new JsonObject().put("type", "run").put("ref", "c").put("source", "let x = ;\nlet y = (1 + 2;"));
        String run = ws.next("started").getString("run");
        JsonObject end = ws.next("error");
        assertThat(end.getString("run")).isEqualTo(run);
        assertThat(end.getJsonObject("error").getJsonArray("errors").size()).isGreaterThanOrEqualTo(2);
        ws.close();
        String sse = TestServer.await(t.request(HttpMethod.GET, "/v1/runs/" + run + "/events").send()).bodyAsString();
        String data = sse.lines().filter(l -> l.startsWith("data: ") && l.contains("\"type\":\"error\""))
                .findFirst().orElseThrow().substring(6);
        assertThat(new JsonObject(data).getJsonObject("error").getJsonArray("errors").size()).isGreaterThanOrEqualTo(2);
    }

    static void assertError(HttpResponse<Buffer> r, int status, String code, String fragment) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(e.getString("code")).isEqualTo(code);
        assertThat(e.getString("message")).contains(fragment);
    }
}
