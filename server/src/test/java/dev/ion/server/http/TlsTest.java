package dev.ion.server.http;

import dev.ion.server.ops.ServerConfig;
import dev.ion.server.testing.RunEndListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tlsCert}/{@code tlsKey}: the server speaks HTTPS and WSS with a certificate this
 * test makes itself (keytool into a PKCS12, written out as PEM), checked by real JDK
 * clients that trust exactly that certificate.
 */
class TlsTest {
    @TempDir
    static Path dir;
    static IonServer server;
    static SSLContext trusting;
    static final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        Path p12 = dir.resolve("ion.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ion", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("ion", "changeit".toCharArray());
        Certificate cert = store.getCertificate("ion");
        Path certPem = dir.resolve("cert.pem");
        Path keyPem = dir.resolve("key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ion", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        ServerConfig cfg = new ServerConfig();
        cfg.port = 0;
        cfg.instances = 1;
        cfg.tlsCert = certPem.toString();
        cfg.tlsKey = keyPem.toString();
        server = TestServer.await(IonServer.start(cfg, new PrintStream(logs, true)));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private HttpClient client() {
        return HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofMinutes(1)).build();
    }

    @Test
    void runsAScriptOverHttps() throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
                        + "/v1/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"40 + 2\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"value\":\"42\"");
        assertThat(server.url()).startsWith("https://");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"url\":\"https://127.0.0.1:" + server.port());
    }

    @Test
    void runsAScriptOverWss() throws Exception {
        RunEndListener listener = new RunEndListener();
        WebSocket ws = client().newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/v1/ws"),
                listener).get(1, TimeUnit.MINUTES);
        ws.sendText("{\"type\":\"run\",\"ref\":\"t\",\"source\":\"6 * 7\"}", true).get(1, TimeUnit.MINUTES);
        assertThat(listener.end.get(1, TimeUnit.MINUTES)).contains("\"type\":\"result\"").contains("\"value\":\"42\"");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(1, TimeUnit.MINUTES);
    }

    /** Frames flushed in batches pass TLS whole and in order, and a lone frame after a burst is not held back. */
    @Test
    void streamsABurstOverWssAndALoneEventAfterIt() throws Exception {
        java.util.concurrent.BlockingQueue<io.vertx.core.json.JsonObject> frames =
                new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new io.vertx.core.json.JsonObject(partial.toString()));
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
        WebSocket ws = client().newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/v1/ws"),
                listener).get(1, TimeUnit.MINUTES);
        int burst = 5000;
        ws.sendText("{\"type\":\"run\",\"ref\":\"s\",\"source\":\"let (tx, rx) = channel(64);"
                + " async { spawn { for i in 0.." + burst + " { tx.send(i) }; tx.close() };"
                + " while let Some(v) = rx.recv() { } }; print(\\\"burst done\\\");"
                + " input.recv().unwrap_or(0)\"}", true).get(1, TimeUnit.MINUTES);
        assertThat(next(frames).getString("type")).isEqualTo("started");
        for (int i = 0; i < burst; i++) {
            io.vertx.core.json.JsonObject f = next(frames);
            assertThat(f.getString("type")).as(f.encode()).isEqualTo("recv");
            assertThat(f.getInteger("json")).isEqualTo(i);
        }
        io.vertx.core.json.JsonObject printed = next(frames);
        assertThat(printed.getString("text")).as("written as the run starts waiting for input").isEqualTo("burst done\n");
        ws.sendText("{\"type\":\"send\",\"run\":\"" + printed.getString("run") + "\",\"value\":7}", true)
                .get(1, TimeUnit.MINUTES);
        assertThat(next(frames).getInteger("json")).isEqualTo(7);
        io.vertx.core.json.JsonObject result = next(frames);
        assertThat(result.getString("type")).isEqualTo("result");
        assertThat(result.getInteger("json")).isEqualTo(7);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(1, TimeUnit.MINUTES);
    }

    private static io.vertx.core.json.JsonObject next(java.util.concurrent.BlockingQueue<io.vertx.core.json.JsonObject> q)
            throws InterruptedException {
        io.vertx.core.json.JsonObject f = q.poll(1, TimeUnit.MINUTES);
        assertThat(f).as("a frame within a minute").isNotNull();
        return f;
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofMinutes(1)).build();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
                + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsNotServed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofMinutes(1)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aNonLoopbackAddressStillNeedsApiKeysWithTls() {
        ServerConfig cfg = new ServerConfig();
        cfg.host = "0.0.0.0";
        cfg.tlsCert = server.config().tlsCert;
        cfg.tlsKey = server.config().tlsKey;
        assertThatThrownBy(cfg::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without API keys");
        cfg.addApiKeys("secret");
        cfg.validate();
    }
}
