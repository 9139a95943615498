package dev.ion.loadtests.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.function.Consumer;

/**
 * Runs as {@code POST /v1/runs} (waiting for the result) over a pool of keep-alive HTTP/1.1
 * connections. Requests beyond the pool wait in its queue, and that wait counts in their
 * latency, as it would for a real client.
 */
final class HttpTransport implements Transport {
    private final HttpClient client;
    private final Target target;
    private final String path;

    HttpTransport(Vertx vertx, Target target, int connections) {
        this.target = target;
        this.path = target.basePath() + "/v1/runs";
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(target.host()).setDefaultPort(target.port())
                        .setSsl(target.ssl()).setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Checks that the server answers at all ({@code GET /health/live}, any status), so that a wrong URL fails at once. */
    @Override
    public Future<Void> open() {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(target.basePath() + "/health/live"))
                .compose(req -> req.send()).compose(resp -> resp.body()).mapEmpty();
    }

    @Override
    public void send(RunRequest r, Consumer<String> done) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("content-type", "application/json");
        if (target.apiKey() != null) o.putHeader("authorization", "Bearer " + target.apiKey());
        client.request(o)
                .compose(req -> req.send(Buffer.buffer(r.httpBody())))
                .compose(resp -> resp.body().map(body -> classify(resp.statusCode(), body.toString())))
                .onComplete(ar -> done.accept(ar.succeeded() ? ar.result() : Transport.ioKind(ar.cause())));
    }

    /** Null for a succeeded run, else {@code http_STATUS_code} or {@code run_KIND}. */
    static String classify(int status, String body) {
        if (status == 200) {
            if (body.contains("\"status\":\"succeeded\"")) return null;
            String kind = FrameFields.string(body, "kind");
            return "run_" + (kind == null ? FrameFields.string(body, "status") : kind);
        }
        String code = FrameFields.string(body, "code");
        return "http_" + status + (code == null ? "" : "_" + code);
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }
}
