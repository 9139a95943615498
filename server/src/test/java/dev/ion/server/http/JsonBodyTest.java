package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.ion.server.http.NetHygieneTest.connect;
import static dev.ion.server.http.NetHygieneTest.response;
import static dev.ion.server.http.NetHygieneTest.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies of the JSON routes over a raw socket: chunked and announced lengths, the
 * body limit either way, {@code Expect: 100-continue}, and no body.
 */
class JsonBodyTest {
    static final int LIMIT = 200;
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> cfg.maxBodyBytes = LIMIT);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String[] post(String headers, String body) throws Exception {
        try (Socket s = connect(t)) {
            write(s, "POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body);
            return response(s);
        }
    }

    private static String chunked(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) b.append(Integer.toHexString(p.length())).append("\r\n").append(p).append("\r\n");
        return b.append("0\r\n\r\n").toString();
    }

    @Test
    void aChunkedBodyIsCollected() throws Exception {
        String[] r = post("Transfer-Encoding: chunked\r\n", chunked("{\"source\":", "\"40 + 2\"}"));
        assertThat(r[0]).contains(" 200 ");
        assertThat(new JsonObject(r[1]).getInteger("json")).isEqualTo(42);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String part = "{\"source\":\"" + "1 + ".repeat(30);
        String[] r = post("Transfer-Encoding: chunked\r\n", chunked(part, "1 + ".repeat(30), "1\"}"));
        assertThat(r[0]).contains(" 413 ");
        assertThat(new JsonObject(r[1]).getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
    }

    @Test
    void anAnnouncedLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        String[] r = post("Content-Length: " + (LIMIT + 1) + "\r\n", "");
        assertThat(r[0]).contains(" 413 ");
        assertThat(r[1]).contains("payload_too_large", "larger than " + LIMIT + " bytes");
    }

    @Test
    void expect100ContinueIsAnsweredBeforeTheBody() throws Exception {
        String body = "{\"source\":\"6 * 7\"}";
        try (Socket s = connect(t)) {
            write(s, "POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            InputStream in = s.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            write(s, body);
            String[] r = response(s);
            assertThat(r[0]).contains(" 200 ");
            assertThat(new JsonObject(r[1]).getInteger("json")).isEqualTo(42);
        }
    }

    @Test
    void noBodyAndAnEmptyBodyAre400() throws Exception {
        for (String headers : new String[]{"", "Content-Length: 0\r\n"}) {
            String[] r = post(headers, "");
            assertThat(r[0]).as(headers).contains(" 400 ");
            assertThat(r[1]).contains("empty body");
        }
    }
}
