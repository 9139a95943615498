package dev.ion.server.http;

import dev.ion.server.ops.ServerConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections that never finish their headers, idle keep-alive connections, and connection limits. */
class NetHygieneTest {
    static Socket connect(TestServer t) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(60_000);
        s.connect(new InetSocketAddress("127.0.0.1", t.port()));
        return s;
    }

    static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the server closes the connection; true when it did (EOF or reset). */
    static boolean closedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a response before the close is fine
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Status line and body of one response read from the socket (Content-Length framed). */
    static String[] response(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("closed in the head: " + head);
            head.write(c);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String l : h.split("\r\n")) {
            if (l.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(l.substring(15).trim());
        }
        byte[] body = in.readNBytes(length);
        return new String[]{h.split("\r\n")[0], new String(body, StandardCharsets.UTF_8), h};
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.headerTimeout = "500ms"); Socket s = connect(t)) {
            write(s, "GET /health/live HTTP/1.1\r\nHost: x\r\n");
            assertThat(closedByServer(s)).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsLastResponse() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.keepAliveTimeout = "500ms"); Socket s = connect(t)) {
            write(s, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response(s)[0]).contains(" 200 ");
            assertThat(closedByServer(s)).isTrue();
        }
    }

    /** The keep-alive deadline replaces the longer header deadline of the connection's first request. */
    @Test
    void aShortKeepAliveClosesBeforeALongHeaderTimeoutWould() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.headerTimeout = "120s";
            cfg.keepAliveTimeout = "300ms";
        }); Socket s = connect(t)) {
            for (int i = 0; i < 3; i++) {
                write(s, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(response(s)[0]).contains(" 200 ");
            }
            assertThat(closedByServer(s)).isTrue(); // within the socket's 60 s read timeout, not at 120 s
        }
    }

    @Test
    void aRequestInProgressIsNotCutByTheKeepAliveOrHeaderTimeout() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.keepAliveTimeout = "200ms";
            cfg.headerTimeout = "200ms";
        }); Socket s = connect(t)) {
            String body = "{\"source\":\"sleep(1500); 41 + 1\"}";
            write(s, "POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            String[] r = response(s);
            assertThat(r[0]).contains(" 200 ");
            assertThat(new JsonObject(r[1]).getInteger("json")).isEqualTo(42);
        }
    }

    @Test
    void aWebSocketThatSendsNothingIsClosedWith1001() throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.wsPingInterval = "0";
            cfg.wsIdleTimeout = "500ms";
        }); RawWs ws = new RawWs(t.port(), 0)) {
            RawWs.Frame f = ws.readData();
            assertThat(f).as("a close frame before the connection closes").isNotNull();
            assertThat(f.opcode()).isEqualTo(RawWs.CLOSE);
            assertThat(f.closeCode()).isEqualTo(1001);
            assertThat(f.closeReason()).contains("no frame");
        }
    }

    @Test
    void closedWebSocketsGiveTheirPlaceBack() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.maxConnectionsPerAddress = 2)) {
            CountDownLatch closed = new CountDownLatch(3);
            t.server.netEvents().on(NetEvents.CONNECTION_CLOSED, closed::countDown);
            for (int i = 0; i < 3; i++) {
                TestServer.Ws ws = t.ws();
                ws.send(new JsonObject().put("type", "ping").put("ref", "p" + i));
                assertThat(ws.next().getString("type")).isEqualTo("pong");
                ws.close();
            }
            assertThat(closed.await(60, TimeUnit.SECONDS)).isTrue();
            try (Socket a = connect(t)) {
                write(a, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(response(a)[0]).contains(" 200 ");
            }
        }
    }

    @Test
    void connectionsOverThePerAddressLimitGet503() throws Exception {
        limitTest(cfg -> cfg.maxConnectionsPerAddress = 2);
    }

    @Test
    void connectionsOverTheTotalLimitGet503() throws Exception {
        limitTest(cfg -> cfg.maxConnections = 2);
    }

    private static void limitTest(java.util.function.Consumer<ServerConfig> limit) throws Exception {
        try (TestServer t = new TestServer(cfg -> {
            cfg.headerTimeout = "60s";
            limit.accept(cfg);
        })) {
            CountDownLatch closed = new CountDownLatch(3);
            CountDownLatch opened = new CountDownLatch(2);
            t.server.netEvents().on(NetEvents.CONNECTION_CLOSED, closed::countDown);
            t.server.netEvents().on(NetEvents.CONNECTION_OPENED, opened::countDown);
            Socket a = connect(t);
            Socket b = connect(t);
            // both are counted before the third connects (they may land on different event loops)
            assertThat(opened.await(60, TimeUnit.SECONDS)).isTrue();
            try (Socket c = connect(t)) {
                write(c, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                String[] r = response(c);
                assertThat(r[0]).contains(" 503 ");
                assertThat(r[2].toLowerCase()).contains("content-type: application/json");
                JsonObject e = new JsonObject(r[1]).getJsonObject("error");
                assertThat(e.getString("code")).isEqualTo("overloaded");
                assertThat(e.getString("message")).contains("connections");
                assertThat(closedByServer(c)).isTrue();
            }
            a.close();
            b.close();
            assertThat(closed.await(60, TimeUnit.SECONDS)).isTrue();
            // below the limit again
            try (Socket d = connect(t)) {
                write(d, "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(response(d)[0]).contains(" 200 ");
            }
        }
    }

    @Test
    void theActiveRequestsGaugeReturnsToZeroAfterHalfOpenConnectionsClose() throws Exception {
        try (TestServer t = new TestServer(cfg -> cfg.headerTimeout = "60s")) {
            int n = 50;
            CountDownLatch closed = new CountDownLatch(n);
            t.server.netEvents().on(NetEvents.CONNECTION_CLOSED, closed::countDown);
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Socket s = connect(t);
                write(s, "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ");
                sockets.add(s);
            }
            for (Socket s : sockets) s.close();
            assertThat(closed.await(60, TimeUnit.SECONDS)).isTrue();
            String metrics = t.get("/metrics").bodyAsString();
            double active = 0;
            boolean seen = false;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("vertx_http_server_active_requests")) {
                    active += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    seen = true;
                }
            }
            assertThat(seen).as(metrics).isTrue();
            // the scrape itself is the only request in flight
            assertThat(active).isLessThanOrEqualTo(1.0);
        }
    }
}
