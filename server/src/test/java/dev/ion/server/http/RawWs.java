package dev.ion.server.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that writes frames exactly as told (fragments,
 * oversized frames, invalid UTF-8) and reads only when asked — what a careless or hostile
 * client does, which the Vert.x client will not.
 */
final class RawWs implements AutoCloseable {
    static final int TEXT = 1, CONTINUATION = 0, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    /** One frame as received. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawWs(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.setSoTimeout(60_000);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.contains(" 101 ")) throw new IOException("upgrade refused: " + status);
        while (!readLine().isEmpty()) {
            // headers
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new EOFException();
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    void text(String s) throws IOException {
        frame(TEXT, true, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one masked frame. */
    void frame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 14);
        b.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            b.write(0x80 | n);
        } else if (n < 65536) {
            b.write(0x80 | 126);
            b.write(n >>> 8);
            b.write(n);
        } else {
            b.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) b.write((int) ((long) n >>> (8 * i)));
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.write(mask);
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        b.write(masked);
        out.write(b.toByteArray());
        out.flush();
    }

    /** The next frame, or null when the server closed the TCP connection. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        int b1 = in.readUnsignedByte();
        long n = b1 & 0x7f;
        if (n == 126) n = in.readUnsignedShort();
        else if (n == 127) n = in.readLong();
        byte[] payload = new byte[(int) n];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
    }

    /** The next frame that is not a ping (the server's keep-alive pings are skipped). */
    Frame readData() throws IOException {
        Frame f;
        do {
            f = read();
        } while (f != null && f.opcode() == PING);
        return f;
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
