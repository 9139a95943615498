package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying a finished run's history over SSE goes at the pace the client reads. */
class SseReplayTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.writeQueueBytes = 16 * 1024;
            cfg.historyEvents = 200_000;
            cfg.historyBytes = 64L << 20;
            cfg.maxRetainedOutput = 64 << 20;
            cfg.defaults.put("max_output_bytes", 64L << 20);
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aReplayWaitsForTheReaderAndThenDeliversEveryEventInOrder() throws Exception {
        JsonObject run = t.run("let pad = \"x\".repeat(100); for i in 0..60000 { print(str(i) + pad) }; 7");
        assertThat(run.getString("status")).isEqualTo("succeeded");
        String id = run.getString("id");
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        t.server.netEvents().on(NetEvents.SSE_WAITING, () -> waiting.complete(null));
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.setSoTimeout(60_000);
            s.connect(new InetSocketAddress("127.0.0.1", t.port()));
            OutputStream out = s.getOutputStream();
            out.write(("GET /v1/runs/" + id + "/events HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the client reads nothing until the server says it is waiting for it
            waiting.get(60, TimeUnit.SECONDS);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            long expected = 1;
            String lastType = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    assertThat(Long.parseLong(line.substring(4))).isEqualTo(expected++);
                } else if (line.startsWith("event: ")) {
                    lastType = line.substring(7);
                    if (lastType.equals("result")) break;
                }
            }
            assertThat(lastType).isEqualTo("result");
            assertThat(expected - 1).isEqualTo(60_002);
        }
    }

    @Test
    void aReaderThatFellBehindTheHistoryGetsAGapEvent() {
        TestServer small = new TestServer(cfg -> cfg.historyEvents = 5);
        try {
            JsonObject run = small.run("for i in 0..20 { print(i) }; 7");
            String body = small.get("/v1/runs/" + run.getString("id") + "/events").bodyAsString();
            // 22 events (started, 20 outputs, result): the 5 newest (18..22) are kept, 1..17 are gone
            assertThat(body).contains("event: gap\ndata: {\"type\":\"gap\",\"run\":\"" + run.getString("id")
                    + "\",\"from\":1,\"to\":17}");
            assertThat(body.indexOf("event: gap")).isLessThan(body.indexOf("id: 18"));
            String resumed = TestServer.await(small.request(io.vertx.core.http.HttpMethod.GET,
                    "/v1/runs/" + run.getString("id") + "/events").putHeader("Last-Event-ID", "20").send()).bodyAsString();
            assertThat(resumed).doesNotContain("event: gap").contains("id: 21");
        } finally {
            small.close();
        }
    }
}
