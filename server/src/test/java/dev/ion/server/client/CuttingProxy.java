package dev.ion.server.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback between a client and a server, owned by a test: it counts the
 * connections clients open and can cut every open one at once, as a network failure
 * would, while still accepting new ones.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ByteArrayOutputStream fromClients = new ByteArrayOutputStream();

    CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many client connections were accepted so far. */
    int connections() {
        return accepted.get();
    }

    /** Everything clients have sent through the relay so far (request lines, headers, frames), as Latin-1 text. */
    String sent() {
        synchronized (fromClients) {
            return fromClients.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Closes every connection open now, both sides. */
    void cut() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                accepted.incrementAndGet();
                open.add(client);
                open.add(upstream);
                pump(client, upstream, fromClients);
                pump(upstream, client, null);
            } catch (IOException e) {
                // the listener closed, or the server refused: the client sees its socket close
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buf, 0, n);
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // cut or closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
