package dev.ion.loadtests.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * The plain Vert.x server of the {@code baseline} scenario: on loopback, it answers every HTTP
 * request with the body of a finished trivial run, and every WebSocket {@code run} frame with a
 * {@code started} and a {@code result} frame, doing no other work. Load against it measures the
 * client, the kernel and Vert.x alone; Ion's figures divided by these are the server's own
 * overhead. Run as its own JVM ({@link BaselineProcess}), like {@code ion serve}, with as many
 * verticles as the server's default (two per core); prints {@code listening PORT} once ready.
 */
public final class BaselineServer extends VerticleBase {
    static final String RUN_BODY = "{\"id\":\"run_0000000000000000\",\"status\":\"succeeded\",\"value\":\"2\",\"json\":2,"
            + "\"output\":\"\",\"stats\":{\"fuel\":3,\"durationMs\":0,\"peakMemoryBytes\":0,\"tasks\":1},"
            + "\"limits\":{\"fuel\":100000000,\"deadline_ms\":10000,\"max_call_depth\":10000,\"max_tasks\":10000,"
            + "\"max_memory_bytes\":67108864,\"max_output_bytes\":1048576,\"max_channel_capacity\":10000}}";
    private static final Buffer BODY = Buffer.buffer(RUN_BODY);

    private static boolean announced;
    private HttpServer server;

    public static void main(String[] args) {
        int instances = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(BaselineServer::new, new DeploymentOptions().setInstances(instances))
                .onFailure(t -> {
                    System.err.println("baseline server failed to start: " + t);
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(-1).setTcpNoDelay(true));
        server.webSocketHandler(this::socket);
        server.requestHandler(req -> req.body().onComplete(b -> req.response()
                .putHeader("content-type", "application/json").end(BODY)));
        return server.listen().onSuccess(s -> {
            synchronized (BaselineServer.class) {
                if (!announced) {
                    announced = true;
                    System.out.println("listening " + s.actualPort());
                    System.out.flush();
                }
            }
        });
    }

    private void socket(ServerWebSocket ws) {
        long[] runs = {0};
        ws.textMessageHandler(frame -> {
            String ref = FrameFields.string(frame, "ref");
            String run = "run_b" + Long.toString(runs[0]++, 36);
            ws.writeTextMessage("{\"type\":\"started\",\"run\":\"" + run + "\",\"seq\":1"
                    + (ref == null ? "" : ",\"ref\":\"" + ref + "\"") + ",\"status\":\"running\"}");
            ws.writeTextMessage("{\"type\":\"result\",\"run\":\"" + run + "\",\"seq\":2,\"status\":\"succeeded\","
                    + "\"value\":\"2\",\"json\":2,\"stats\":{\"fuel\":3,\"durationMs\":0,\"peakMemoryBytes\":0,\"tasks\":1}}");
        });
    }
}
