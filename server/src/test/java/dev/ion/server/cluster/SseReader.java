package dev.ion.server.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain-socket SSE client for the cluster tests: it reads one run's event stream on its own
 * thread and queues each record ({@code id}, {@code event}, {@code data}); the status line
 * comes first as a record of type {@code status}. Nothing is interpreted.
 */
final class SseReader implements AutoCloseable {
    record Record(long id, String type, String data) {
    }

    /** The API key the cluster tests configure (a server without keys ignores it). */
    static final String KEY = "free-key";

    private final Socket socket = new Socket();
    final BlockingQueue<Record> records = new LinkedBlockingQueue<>();

    SseReader(int port, String path, String lastEventId) throws IOException {
        socket.setSoTimeout(120_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n" + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            records.add(new Record(-1, "status", status));
            long id = -1;
            String type = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
                else if (line.startsWith("event: ")) type = line.substring(7);
                else if (line.startsWith("data: ")) {
                    records.add(new Record(id, type, line.substring(6)));
                    id = -1;
                    type = null;
                } else if (line.equals("0")) {
                    break;
                }
            }
        } catch (IOException e) {
            // closed
        }
        records.add(new Record(-1, "eof", ""));
    }

    Record next() throws InterruptedException {
        Record r = records.poll(60, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no SSE record within 60 s");
        return r;
    }

    /** The next record of {@code type}, skipping others. */
    Record next(String type) throws InterruptedException {
        while (true) {
            Record r = next();
            if (r.type().equals(type)) return r;
            if (r.type().equals("eof")) throw new AssertionError("stream ended before a '" + type + "' record");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
