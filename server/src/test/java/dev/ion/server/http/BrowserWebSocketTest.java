package dev.ion.server.http;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a browser's WebSocket does differently: it carries the API key as the subprotocol
 * {@code ion.key.KEY} (it cannot set {@code Authorization}) and offers permessage-deflate.
 */
class BrowserWebSocketTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.apiKeys.add(AdmissionTest.key("secret-a", "a", null, null));
            cfg.apiKeys.add(AdmissionTest.key("secret-b", "b", null, null));
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static WebSocketConnectOptions options(List<String> protocols) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(t.port()).setURI("/v1/ws")
                .setSubProtocols(protocols);
    }

    static JsonObject runToEnd(WebSocket socket, String source) throws Exception {
        BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
        socket.closeHandler(v -> frames.add(new JsonObject().put("type", "closed")
                .put("code", socket.closeStatusCode()).put("reason", socket.closeReason())));
        TestServer.await(socket.writeTextMessage(new JsonObject().put("type", "run").put("ref", "r")
                .put("source", source).encode()));
        while (true) {
            JsonObject f = frames.poll(60, TimeUnit.SECONDS);
            if (f == null) throw new AssertionError("no frame within 60 s");
            if (f.getString("type").equals("closed")) throw new AssertionError("the socket closed: " + f);
            if (f.getString("type").equals("result") || f.getString("type").equals("error")) return f;
        }
    }

    @Test
    void theKeyTravelsAsASubprotocolAndTheServerSelectsIonV1() throws Exception {
        WebSocket socket = TestServer.await(t.wsClient.connect(options(List.of("ion.v1", "ion.key.secret-a"))));
        assertThat(socket.subProtocol()).isEqualTo("ion.v1");
        JsonObject end = runToEnd(socket, "print(\"hi\"); 6 * 7");
        assertThat(end.getString("type")).isEqualTo("result");
        assertThat(end.getInteger("json")).isEqualTo(42);
        String run = end.getString("run");
        TestServer.await(socket.close());

        // the run belongs to key a: visible with it, not with key b
        t.apiKey = "secret-a";
        assertThat(t.get("/v1/runs/" + run).statusCode()).isEqualTo(200);
        t.apiKey = "secret-b";
        assertThat(t.get("/v1/runs/" + run).statusCode()).isEqualTo(404);
        t.apiKey = null;
    }

    @Test
    void aWrongOrMissingKeyIsRefusedBeforeTheUpgrade() {
        assertThatThrownBy(() -> TestServer.await(t.wsClient.connect(options(List.of("ion.v1", "ion.key.nope")))))
                .rootCause().isInstanceOfSatisfying(UpgradeRejectedException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(401);
                    assertThat(e.getBody().toString()).contains("unknown API key");
                });
        assertThatThrownBy(() -> TestServer.await(t.wsClient.connect(options(List.of("ion.v1")))))
                .rootCause().isInstanceOfSatisfying(UpgradeRejectedException.class,
                        e -> assertThat(e.getStatus()).isEqualTo(401));
    }

    @Test
    void onlyPagesOfThisServerMayOpenTheSocket() throws Exception {
        WebSocketClient bare = t.client.createWebSocketClient();
        try {
            WebSocketConnectOptions foreign = options(List.of("ion.v1", "ion.key.secret-a"))
                    .addHeader("Origin", "http://evil.example");
            assertThatThrownBy(() -> TestServer.await(bare.connect(foreign))).rootCause()
                    .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(403);
                        assertThat(e.getBody().toString()).contains("\"forbidden\"", "http://evil.example");
                    });
            for (String port : List.of(":" + (t.port() + 1), "")) {
                WebSocketConnectOptions otherPort = options(List.of("ion.v1", "ion.key.secret-a"))
                        .addHeader("Origin", "http://127.0.0.1" + port);
                assertThatThrownBy(() -> TestServer.await(bare.connect(otherPort))).rootCause()
                        .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
            }
            WebSocketConnectOptions own = options(List.of("ion.v1", "ion.key.secret-a"))
                    .addHeader("Origin", "http://127.0.0.1:" + t.port());
            WebSocket socket = TestServer.await(bare.connect(own));
            assertThat(runToEnd(socket, "7").getInteger("json")).isEqualTo(7);
            TestServer.await(socket.close());
        } finally {
            TestServer.await(bare.close());
        }
    }

    @Test
    void withCorsOriginsTheListedSitesAndTheServersOwnPagesMayOpenTheSocket() throws Exception {
        try (TestServer cors = new TestServer(cfg -> cfg.corsOrigins.add("https://app.example"))) {
            for (String origin : List.of("https://app.example", "http://127.0.0.1:" + cors.port())) {
                WebSocket socket = TestServer.await(cors.wsClient.connect(new WebSocketConnectOptions()
                        .setHost("127.0.0.1").setPort(cors.port()).setURI("/v1/ws").addHeader("Origin", origin)));
                assertThat(runToEnd(socket, "8").getInteger("json")).as(origin).isEqualTo(8);
                TestServer.await(socket.close());
            }
            assertThatThrownBy(() -> TestServer.await(cors.wsClient.connect(new WebSocketConnectOptions()
                    .setHost("127.0.0.1").setPort(cors.port()).setURI("/v1/ws").addHeader("Origin", "https://evil.example"))))
                    .rootCause().isInstanceOfSatisfying(UpgradeRejectedException.class,
                            e -> assertThat(e.getStatus()).isEqualTo(403));
            // over HTTP too, a site not listed is refused with the protocol's error body
            var refused = TestServer.await(cors.web.get(cors.port(), "127.0.0.1", "/v1/runs")
                    .putHeader("Origin", "https://evil.example").send());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("forbidden");
            // the playground page itself is served whatever the CORS list says
            assertThat(TestServer.await(cors.web.get(cors.port(), "127.0.0.1", "/").putHeader("Origin",
                    "http://127.0.0.1:" + cors.port()).send()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAuthorizationHeaderNeedsNoSubprotocolAndWinsOverOne() throws Exception {
        WebSocket socket = TestServer.await(t.wsClient.connect(options(List.of())
                .addHeader("Authorization", "Bearer secret-b")));
        assertThat(socket.subProtocol()).isNullOrEmpty();
        assertThat(runToEnd(socket, "1 + 1").getInteger("json")).isEqualTo(2);
        TestServer.await(socket.close());
        socket = TestServer.await(t.wsClient.connect(options(List.of("ion.v1", "ion.key.nope"))
                .addHeader("Authorization", "Bearer secret-b")));
        assertThat(runToEnd(socket, "3").getInteger("json")).isEqualTo(3);
        TestServer.await(socket.close());
    }

    @Test
    void aClientOfferingPerMessageDeflateGetsPlainFramesThatWork() throws Exception {
        WebSocketClient deflating = t.client.createWebSocketClient(new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true));
        try {
            WebSocket socket = TestServer.await(deflating.connect(options(List.of("ion.v1", "ion.key.secret-a"))));
            JsonObject end = runToEnd(socket, "print(\"grüße\"); \"ü\" + \"é\"");
            assertThat(end.getString("type")).isEqualTo("result");
            assertThat(end.getString("json")).isEqualTo("üé");
            TestServer.await(socket.close());
        } finally {
            TestServer.await(deflating.close());
        }
    }
}
