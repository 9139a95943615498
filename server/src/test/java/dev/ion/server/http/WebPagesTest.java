package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The playground at /, its assets, and /docs: served from the jar, public, cached by hash or ETag, under a strict CSP. */
class WebPagesTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> cfg.apiKeys.add(AdmissionTest.key("secret-a", "a", null, null)));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static HttpResponse<Buffer> get(String path, String... headers) {
        var r = t.web.request(HttpMethod.GET, t.port(), "127.0.0.1", path);
        for (int i = 0; i < headers.length; i += 2) r.putHeader(headers[i], headers[i + 1]);
        return TestServer.await(r.send());
    }

    static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    @Test
    void thePlaygroundPageIsPublicWithAFreshStyleNonceAndNoInlineScript() {
        HttpResponse<Buffer> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
        String csp = page.getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                "connect-src 'self' ws://127.0.0.1:" + t.port() + " wss://127.0.0.1:" + t.port());
        String nonce = group("'nonce-([^']+)'", csp);
        assertThat(page.bodyAsString()).contains("nonce=\"" + nonce + "\"").doesNotContain("{{");
        assertThat(page.bodyAsString()).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        String again = group("'nonce-([^']+)'", get("/").getHeader("Content-Security-Policy"));
        assertThat(again).isNotEqualTo(nonce);
        // a key is needed for the API, not for the page
        assertThat(get("/v1/runs").statusCode()).isEqualTo(401);
    }

    @Test
    void hashedAssetsAreCachedForGoodAndRevalidateByETag() {
        String html = get("/").bodyAsString();
        String js = group("src=\"(/playground/main-[A-Z0-9]{8}\\.js)\"", html);
        String css = group("href=\"(/playground/main-[A-Z0-9]{8}\\.css)\"", html);
        HttpResponse<Buffer> script = get(js);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.getHeader("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        String etag = script.getHeader("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        HttpResponse<Buffer> unchanged = get(js, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isNull();
        assertThat(get(css).getHeader("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void theExamplesMenuListsEveryRepositoryExampleWithItsFirstCommentAsTitle() throws IOException {
        HttpResponse<Buffer> r = get("/playground/examples.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
        JsonArray list = r.bodyAsJsonArray();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            files = s.filter(p -> p.toString().endsWith(".ion")).sorted().toList();
        }
        assertThat(list.size()).isEqualTo(files.size());
        for (int i = 0; i < files.size(); i++) {
            JsonObject ex = list.getJsonObject(i);
            String source = Files.readString(files.get(i));
            String name = files.get(i).getFileName().toString().replace(".ion", "");
            assertThat(ex.getString("name")).isEqualTo(name);
            assertThat(ex.getString("source")).isEqualTo(source);
            assertThat("// " + ex.getString("title")).isEqualTo(source.lines().findFirst().orElseThrow().trim());
        }
    }

    @Test
    void docsServesSwaggerUiFromTheJarOverThisServersOpenApi() {
        HttpResponse<Buffer> page = get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self';", "connect-src 'self';");
        assertThat(page.bodyAsString()).contains("/docs/swagger-ui-bundle.js", "/docs/init.js");
        assertThat(get("/docs/init.js").bodyAsString()).contains("url: \"/v1/openapi.yaml\"");
        HttpResponse<Buffer> bundle = get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(bundle.getHeader("ETag")).isNotBlank();
        assertThat(get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
        // the webjar's own demo page (inline script, petstore URL) is not served
        assertThat(get("/docs/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/docs/swagger-initializer.js").statusCode()).isEqualTo(404);
        assertThat(get("/v1/openapi.yaml").bodyAsString()).contains("servers:\n  - url: /\n");
    }

    @Test
    void nothingOutsideTheAssetFoldersIsServed() {
        for (String path : List.of("/playground/../../dev/ion/server/Main.class", "/playground/%2e%2e/index.html",
                "/playground/", "/playground/nope.js", "/docs/../../META-INF/MANIFEST.MF",
                "/playground/index.html%00.js")) {
            HttpResponse<Buffer> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.bodyAsString()).as(path).doesNotContain("<html").doesNotContain("Manifest-Version");
        }
    }

    @Test
    void headAnswersWithTheHeadersOnly() {
        HttpResponse<Buffer> r = TestServer.await(t.web.request(HttpMethod.HEAD, t.port(), "127.0.0.1", "/docs").send());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("ETag")).isNotBlank();
        assertThat(r.body()).isNull();
    }
}
