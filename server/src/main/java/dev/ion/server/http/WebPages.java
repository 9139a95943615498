package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pages a browser opens: the playground at {@code GET /} (its bundle under
 * {@code /playground/}) and the API reference at {@code /docs} (Swagger UI over
 * {@code /v1/openapi.yaml}). Like the OpenAPI file they are public: they hold no data, and
 * what they do goes through {@code /v1/}, which authenticates. Every response forbids
 * MIME sniffing and the pages send a Content-Security-Policy that allows no inline script.
 */
final class WebPages {
    static final String PLAYGROUND_ROOT = "dev/ion/playground";
    /** esbuild's content-hashed names ({@code main-7GQK2LDE.js}): cached for good. */
    private static final Pattern HASHED = Pattern.compile(".*-[A-Z0-9]{8}\\.(js|css)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+");
    private static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    /** The page's own files; of the webjar only what the page loads (not its petstore demo page). */
    private static final Set<String> OWN_DOCS_FILES = Set.of("init.js", "docs.css");
    private static final Set<String> SWAGGER_UI_FILES = Set.of("swagger-ui.css", "swagger-ui-bundle.js",
            "favicon-16x16.png", "favicon-32x32.png");

    private final ClasspathAssets playground;
    private final ClasspathAssets swaggerUi;
    private final SecureRandom random = new SecureRandom();

    WebPages(ClasspathAssets playground, ClasspathAssets swaggerUi) {
        this.playground = playground;
        this.swaggerUi = swaggerUi;
    }

    /** The playground's bundle and the Swagger UI webjar, as this server's class loader sees them. */
    static WebPages fromClasspath() {
        ClassLoader loader = WebPages.class.getClassLoader();
        return new WebPages(new ClasspathAssets(loader, PLAYGROUND_ROOT),
                new ClasspathAssets(loader, ClasspathAssets.swaggerUiRoot(loader)));
    }

    void mount(Router router) {
        get(router, "/").handler(this::playgroundPage);
        get(router, "/playground/*").handler(ctx -> serve(ctx, playground, rest(ctx, "/playground/"), null));
        get(router, "/docs").handler(ctx -> serve(ctx, playground, "docs/index.html", DOCS_CSP));
        get(router, "/docs/").handler(ctx -> ctx.redirect("/docs"));
        get(router, "/docs/*").handler(ctx -> {
            String file = rest(ctx, "/docs/");
            if (OWN_DOCS_FILES.contains(file)) serve(ctx, playground, "docs/" + file, null);
            else if (SWAGGER_UI_FILES.contains(file)) serve(ctx, swaggerUi, file, null);
            else ctx.next();
        });
    }

    private static io.vertx.ext.web.Route get(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private static String rest(RoutingContext ctx, String prefix) {
        String path = ctx.normalizedPath();
        return path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    }

    /**
     * The page is filled with a fresh nonce each time: CodeMirror adds its styles in a
     * {@code <style>} element carrying it, so the policy needs no {@code 'unsafe-inline'}.
     */
    private void playgroundPage(RoutingContext ctx) {
        Optional<ClasspathAssets.Asset> page = playground.get("index.html");
        if (page.isEmpty()) {
            ctx.next();
            return;
        }
        byte[] n = new byte[18];
        random.nextBytes(n);
        String nonce = Base64.getEncoder().encodeToString(n);
        String html = new String(page.get().bytes(), StandardCharsets.UTF_8).replace("{{nonce}}", nonce);
        HttpServerResponse response = ctx.response();
        secure(response);
        response.putHeader(HttpHeaders.CONTENT_TYPE, page.get().contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Security-Policy", playgroundPolicy(ctx.request().authority(), nonce))
                .end(html);
    }

    /** Scripts from this server only; fetches and WebSockets to this server only. */
    static String playgroundPolicy(HostAndPort authority, String nonce) {
        String connect = "'self'";
        if (authority != null) {
            String host = authority.host().contains(":") && !authority.host().startsWith("[")
                    ? "[" + authority.host() + "]" : authority.host();
            String hostPort = authority.port() > 0 ? host + ":" + authority.port() : host;
            if (HOST.matcher(hostPort).matches()) connect += " ws://" + hostPort + " wss://" + hostPort;
        }
        return "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "'; img-src 'self' data:; "
                + "connect-src " + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private void serve(RoutingContext ctx, ClasspathAssets assets, String path, String policy) {
        Optional<ClasspathAssets.Asset> found = assets.get(path);
        if (found.isEmpty()) {
            ctx.next();
            return;
        }
        ClasspathAssets.Asset asset = found.get();
        HttpServerResponse response = ctx.response();
        secure(response);
        response.putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, HASHED.matcher(path).matches()
                        ? "public, max-age=31536000, immutable" : "no-cache");
        if (policy != null) response.putHeader("Content-Security-Policy", policy);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(Buffer.buffer(asset.bytes()));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) return true;
        }
        return false;
    }

    private static void secure(HttpServerResponse response) {
        response.putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
    }
}
