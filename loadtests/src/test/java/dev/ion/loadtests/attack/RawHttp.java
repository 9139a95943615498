package dev.ion.loadtests.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a fresh socket per request ({@code Connection: close}), so that every probe
 * opens a new connection (and so lands on any of the server's event loops), the local
 * address can be chosen (attackers use 127.0.0.x other than the probe's 127.0.0.1), and the
 * whole exchange — connect, request, complete response — has one time bound.
 */
final class RawHttp {
    private RawHttp() {
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Raised when the whole exchange did not finish within its bound. */
    static final class TooSlow extends IOException {
        TooSlow(String message) {
            super(message);
        }
    }

    static Response request(String host, int port, InetAddress local, String method, String path,
                            Map<String, String> headers, String body, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        try (Socket s = connect(host, port, local, timeout)) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) head.append("Content-Length: ").append(payload.length).append("\r\n");
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            byte[] raw = readToEnd(s, end, method + " " + path);
            return parse(raw);
        }
    }

    static Socket connect(String host, int port, InetAddress local, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            if (local != null) s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] readToEnd(Socket s, long end, String what) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] chunk = new byte[16384];
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new TooSlow(what + " got no complete response in time");
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw new TooSlow(what + " got no complete response in time");
            }
            if (n < 0) return buf.toByteArray();
            buf.write(chunk, 0, n);
        }
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) throw new IOException("the connection closed before a complete response head: '" + text + "'");
        String[] headLines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = headLines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            if (colon > 0) headers.put(headLines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    headLines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) rest = dechunk(rest);
        return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOfCrlf(body, i);
            if (lineEnd < 0) break;
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) break;
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        return -1;
    }
}
