package dev.ion.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the frames of one WebSocket message, holding at most {@code limit} bytes. A message
 * that grows past the limit is reported once, as soon as it does (with its {@code ref} when
 * the part received so far shows one), and its remaining fragments are dropped as they come;
 * Vert.x's own joining drops such a message without a word, so the server does it itself.
 */
final class WsMessageAssembler {
    /** What a frame completed, if anything. */
    sealed interface Outcome permits Text, Binary, TooLarge {
    }

    record Text(String text) implements Outcome {
    }

    record Binary() implements Outcome {
    }

    record TooLarge(String ref, int limit) implements Outcome {
    }

    private static final Pattern REF = Pattern.compile("\"ref\"\\s*:\\s*\"([^\"\\\\]{0,256})\"");
    private static final int REF_SCAN_BYTES = 4096;

    private final int limit;
    private Buffer text;
    private boolean binary;
    private boolean discarding;

    WsMessageAssembler(int limit) {
        this.limit = limit;
    }

    /** Takes one frame; returns what it completed or refused, or null. */
    Outcome add(WebSocketFrame frame) {
        switch (frame.type()) {
            case TEXT -> {
                reset();
                text = Buffer.buffer();
                return append(frame);
            }
            case BINARY -> {
                reset();
                binary = true;
                return finish(frame.isFinal());
            }
            case CONTINUATION -> {
                if (text != null || discarding) return append(frame);
                return finish(frame.isFinal());
            }
            default -> {
                return null;
            }
        }
    }

    private Outcome append(WebSocketFrame frame) {
        if (!discarding) {
            Buffer data = frame.binaryData();
            if ((long) text.length() + data.length() > limit) {
                byte[] head = text.getBytes(0, Math.min(text.length(), REF_SCAN_BYTES));
                if (head.length < REF_SCAN_BYTES) {
                    byte[] more = data.getBytes(0, Math.min(data.length(), REF_SCAN_BYTES - head.length));
                    byte[] joined = new byte[head.length + more.length];
                    System.arraycopy(head, 0, joined, 0, head.length);
                    System.arraycopy(more, 0, joined, head.length, more.length);
                    head = joined;
                }
                text = null;
                discarding = !frame.isFinal();
                return new TooLarge(refIn(head), limit);
            }
            text.appendBuffer(data);
        }
        if (!frame.isFinal()) return null;
        if (discarding) {
            reset();
            return null;
        }
        String message = text.toString(StandardCharsets.UTF_8);
        reset();
        return new Text(message);
    }

    private Outcome finish(boolean fin) {
        if (!fin) return null;
        boolean wasBinary = binary;
        reset();
        return wasBinary ? new Binary() : null;
    }

    private void reset() {
        text = null;
        binary = false;
        discarding = false;
    }

    /** The {@code ref} of a partly received frame, when its first bytes show one. */
    static String refIn(byte[] head) {
        Matcher m = REF.matcher(new String(head, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }
}
