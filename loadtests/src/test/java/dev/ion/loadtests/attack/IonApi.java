package dev.ion.loadtests.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * The few calls of the Ion HTTP API the attacks and the probe make, each over a fresh
 * connection (see {@link RawHttp}) with an API key and, for attackers, their own local
 * address.
 */
final class IonApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess server;
    private final String key;
    private final InetAddress local;

    IonApi(ServerProcess server, String key, InetAddress local) {
        this.server = server;
        this.key = key;
        this.local = local;
    }

    /** A run request body: the source and optional limits (name → value). */
    static String runBody(String source, Map<String, Long> limits) {
        ObjectNode body = JSON.createObjectNode().put("source", source);
        if (limits != null && !limits.isEmpty()) {
            ObjectNode l = body.putObject("limits");
            limits.forEach(l::put);
        }
        return body.toString();
    }

    /** {@code POST /v1/runs}; with {@code wait} false the answer is 202 and the run goes on. */
    RawHttp.Response submit(String source, Map<String, Long> limits, boolean wait, Duration timeout) throws IOException {
        return RawHttp.request(server.host(), server.port(), local, "POST", "/v1/runs" + (wait ? "" : "?wait=false"),
                Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"),
                runBody(source, limits), timeout);
    }

    RawHttp.Response cancel(String runId, Duration timeout) throws IOException {
        return RawHttp.request(server.host(), server.port(), local, "DELETE", "/v1/runs/" + runId,
                Map.of("Authorization", "Bearer " + key), null, timeout);
    }

    RawHttp.Response live(Duration timeout) throws IOException {
        return RawHttp.request(server.host(), server.port(), local, "GET", "/health/live", Map.of(), null, timeout);
    }

    /**
     * Follows {@code GET /v1/runs/{id}/events} until the stream contains {@code fragment};
     * returns what was read (it ends early if the server ends the stream).
     */
    String awaitEvent(String runId, String fragment, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        try (java.net.Socket s = RawHttp.connect(server.host(), server.port(), local, timeout)) {
            s.getOutputStream().write(("GET /v1/runs/" + runId + "/events HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nAuthorization: Bearer " + key + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!seen.toString().contains(fragment)) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new RawHttp.TooSlow("no '" + fragment + "' in the events of " + runId + ": " + seen);
                s.setSoTimeout((int) left);
                int n;
                try {
                    n = s.getInputStream().read(buf);
                } catch (java.net.SocketTimeoutException e) {
                    throw new RawHttp.TooSlow("no '" + fragment + "' in the events of " + runId + ": " + seen);
                }
                if (n < 0) break;
                seen.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            return seen.toString();
        }
    }

    String key() {
        return key;
    }

    InetAddress local() {
        return local;
    }

    static JsonNode json(RawHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (HTTP " + r.status() + "): " + r.body(), e);
        }
    }
}
