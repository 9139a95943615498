package dev.ion.loadtests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency of a trivial run ({@code {"source":"1"}}) on a running {@code ion serve} while
 * {@code BUSY} CPU-bound {@code loop {}} runs execute on the same server: it starts them with
 * {@code ?wait=false}, times {@code N} sequential POSTs on one keep-alive connection, prints
 * p50/p90/p99/max, and cancels the busy runs. The server needs a raised deadline and fuel
 * ceiling, e.g. a config file {@code {log: false, ceilings: {deadline_ms: 600000, fuel: 1000000000000000}}}.
 *
 * <pre>java -cp loadtests/target/benchmarks.jar dev.ion.loadtests.TrivialRunLatency PORT BUSY N</pre>
 */
public final class TrivialRunLatency {
    private final InputStream in;
    private final OutputStream out;

    private TrivialRunLatency(Socket s) throws IOException {
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int busy = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            new TrivialRunLatency(s).measure(busy, n);
        }
    }

    private void measure(int busy, int n) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            String body = request("POST", "/v1/runs?wait=false",
                    "{\"source\":\"loop {}\",\"limits\":{\"deadline_ms\":600000,\"fuel\":1000000000000000}}")[1];
            int k = body.indexOf("\"id\":\"") + 6;
            ids.add(body.substring(k, body.indexOf('"', k)));
        }
        for (int i = 0; i < 10; i++) request("POST", "/v1/runs", "{\"source\":\"1\"}");
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String[] r = request("POST", "/v1/runs", "{\"source\":\"1\"}");
            t[i] = System.nanoTime() - t0;
            if (!r[0].contains(" 200 ") || !r[1].contains("succeeded")) throw new IllegalStateException(r[0] + r[1]);
        }
        for (String id : ids) request("DELETE", "/v1/runs/" + id, null);
        Arrays.sort(t);
        System.out.printf("busy=%d n=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n", busy, n,
                t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, t[Math.min(n - 1, n * 99 / 100)] / 1e6, t[n - 1] / 1e6);
    }

    /** Status line and body of one request on the connection. */
    private String[] request(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: ion\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        while (!h.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new EOFException("the server closed the connection");
            h.write(c);
        }
        int length = 0;
        for (String l : h.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (l.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(l.substring(15).trim());
        }
        return new String[]{h.toString(StandardCharsets.US_ASCII).split("\r\n")[0],
                new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }
}
