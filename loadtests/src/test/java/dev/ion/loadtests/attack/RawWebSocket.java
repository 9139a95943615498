package dev.ion.loadtests.attack;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket that writes whatever frames a test asks for —
 * fragmented messages, oversized frames, invalid UTF-8, floods written without ever
 * reading — and reads the server's frames (including close frames and their codes) only
 * when the test wants to. The JDK's client cannot send broken frames and always reads.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int CONTINUATION = 0;
    static final int CLOSE = 8;
    static final int PING = 9;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.out = socket.getOutputStream();
    }

    /** One server frame; {@code closeCode} is meaningful for close frames only. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /**
     * Opens {@code /v1/ws} with the API key. {@code receiveBuffer} &gt; 0 shrinks the socket's
     * receive buffer (before connecting) so that a client that stops reading pushes back soon.
     */
    static RawWebSocket open(ServerProcess server, String key, InetAddress local, int receiveBuffer, Duration timeout)
            throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        if (local != null) s.bind(new java.net.InetSocketAddress(local, 0));
        s.connect(new java.net.InetSocketAddress(server.host(), server.port()), (int) timeout.toMillis());
        RawWebSocket ws = new RawWebSocket(s);
        String wsKey = Base64.getEncoder().encodeToString("attack-suite-key".getBytes(StandardCharsets.US_ASCII));
        String head = "GET /v1/ws HTTP/1.1\r\nHost: " + server.host() + ":" + server.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + wsKey + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + key + "\r\n\r\n";
        ws.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        ws.out.flush();
        s.setSoTimeout((int) timeout.toMillis());
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = ws.in.read();
            if (b < 0) throw new EOFException("the server closed during the WebSocket handshake: " + response);
            response.append((char) b);
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("WebSocket handshake refused: " + response);
        }
        return ws;
    }

    /** The bytes of one client frame (masked with a zero key, which leaves the payload as it is). */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        int len = payload.length;
        int headLen = 2 + (len < 126 ? 0 : len <= 0xffff ? 2 : 8) + 4;
        byte[] f = new byte[headLen + len];
        f[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        int i = 2;
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else if (len <= 0xffff) {
            f[1] = (byte) (0x80 | 126);
            f[i++] = (byte) (len >>> 8);
            f[i++] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int k = 7; k >= 0; k--) f[i++] = (byte) ((long) len >>> (8 * k));
        }
        i += 4; // mask key 0,0,0,0
        System.arraycopy(payload, 0, f, i, len);
        return f;
    }

    static byte[] textFrame(String text) {
        return frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes; blocks while the server does not read. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendText(String text) throws IOException {
        write(textFrame(text));
    }

    /** The next frame, or null when the server closed the TCP connection; throws when none came within {@code timeout}. */
    Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int b0 = in.read();
            if (b0 < 0) return null;
            int b1 = readByte();
            long len = b1 & 0x7f;
            if (len == 126) len = (readByte() << 8) | readByte();
            else if (len == 127) {
                len = 0;
                for (int k = 0; k < 8; k++) len = (len << 8) | readByte();
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) mask = new byte[]{(byte) readByte(), (byte) readByte(), (byte) readByte(), (byte) readByte()};
            if (len > 64L << 20) throw new IOException("a server frame of " + len + " bytes");
            byte[] payload = in.readNBytes((int) len);
            if (payload.length < len) return null;
            if (mask != null) for (int k = 0; k < payload.length; k++) payload[k] ^= mask[k & 3];
            return new Frame(b0 & 0x0f, payload);
        } catch (SocketTimeoutException e) {
            throw new RawHttp.TooSlow("no WebSocket frame from the server within " + timeout);
        } catch (java.net.SocketException e) {
            return null; // reset by the server: as good as closed for the tests
        }
    }

    /** Reads frames until a text frame contains {@code fragment}, a close frame, or the end of the connection. */
    Frame readUntil(String fragment, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = read(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
            if (f == null || f.opcode() == CLOSE || (f.opcode() == TEXT && f.text().contains(fragment))) return f;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException();
        return b;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
