package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a WebSocket client cannot make the server buffer, and how oversized or invalid frames are refused. */
class WsLimitsTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.maxBodyBytes = 64 * 1024;
            cfg.writeQueueBytes = 16 * 1024;
            cfg.wsPingInterval = "30s";
            cfg.wsIdleTimeout = "120s";
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aClientThatSendsPingsAndNeverReadsIsNoLongerRead() throws Exception {
        floodWithoutReading("{\"type\":\"ping\",\"ref\":\"p%d\"}", "pong");
    }

    @Test
    void aClientThatSendsBadFramesAndNeverReadsIsNoLongerRead() throws Exception {
        floodWithoutReading("{\"type\":\"teleport\",\"ref\":\"p%d\"}", "error");
    }

    /**
     * Writes many small frames that each get an answer, without reading: the server must stop
     * reading (pause) once the socket's write queue is full, and answer every frame once the
     * client reads again.
     */
    private static void floodWithoutReading(String format, String answerType) throws Exception {
        CompletableFuture<Void> paused = new CompletableFuture<>();
        t.server.netEvents().on(NetEvents.WS_READ_PAUSED, () -> paused.complete(null));
        int frames = 100_000;
        try (RawWs ws = new RawWs(t.port(), 4096)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < frames; i++) ws.text(String.format(format, i));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            paused.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < frames; i++) {
                RawWs.Frame f = ws.readData();
                assertThat(f).as("frame %d", i).isNotNull();
                JsonObject o = new JsonObject(f.text());
                assertThat(o.getString("type")).isEqualTo(answerType);
                assertThat(o.getString("ref")).isEqualTo("p" + i);
            }
            writer.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitGetsAnErrorFrameWithItsRef() throws Exception {
        try (RawWs ws = new RawWs(t.port(), 0)) {
            String x = "x".repeat(40_000);
            ws.frame(RawWs.TEXT, false, ("{\"type\":\"run\",\"ref\":\"big\",\"source\":\"" + x).getBytes(StandardCharsets.UTF_8));
            ws.frame(RawWs.CONTINUATION, false, x.getBytes(StandardCharsets.UTF_8));
            ws.frame(RawWs.CONTINUATION, true, "\"}".getBytes(StandardCharsets.UTF_8));
            JsonObject e = new JsonObject(ws.readData().text());
            assertThat(e.getString("type")).isEqualTo("error");
            assertThat(e.getString("ref")).isEqualTo("big");
            assertThat(e.getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
            assertThat(e.getJsonObject("error").getString("message")).contains("65536");
            // the socket is still usable, and the next message is read from its start
            ws.text("{\"type\":\"ping\",\"ref\":\"after\"}");
            JsonObject pong = new JsonObject(ws.readData().text());
            assertThat(pong.getString("type")).isEqualTo("pong");
            assertThat(pong.getString("ref")).isEqualTo("after");
        }
    }

    @Test
    void aSingleFrameOverTheLimitGetsCloseCode1009() throws Exception {
        try (RawWs ws = new RawWs(t.port(), 0)) {
            ws.frame(RawWs.TEXT, true, "x".repeat(100_000).getBytes(StandardCharsets.UTF_8));
            RawWs.Frame f = ws.readData();
            assertThat(f).as("a close frame before the connection closes").isNotNull();
            assertThat(f.opcode()).isEqualTo(RawWs.CLOSE);
            assertThat(f.closeCode()).isEqualTo(1009);
            assertThat(f.closeReason()).contains("65536");
        }
    }

    @Test
    void invalidUtf8InATextFrameGetsCloseCode1007() throws Exception {
        try (RawWs ws = new RawWs(t.port(), 0)) {
            ws.frame(RawWs.TEXT, true, new byte[]{'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
            RawWs.Frame f = ws.readData();
            assertThat(f).as("a close frame before the connection closes").isNotNull();
            assertThat(f.opcode()).isEqualTo(RawWs.CLOSE);
            assertThat(f.closeCode()).isEqualTo(1007);
            assertThat(f.closeReason()).isNotBlank();
        }
    }
}
