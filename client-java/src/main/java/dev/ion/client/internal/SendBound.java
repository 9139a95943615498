package dev.ion.client.internal;

import dev.ion.client.SendQueueFullException;

/**
 * Counts the frames (and their bytes) waiting to be written on one WebSocket, so that a
 * producer faster than the network cannot grow the client's heap without limit. Input values
 * are refused beyond the bound; control frames (run, close-input, cancel, ping) are counted
 * but never refused. A value larger than the byte bound is taken only when nothing waits.
 */
final class SendBound {
    private final int maxFrames;
    private final long maxBytes;
    private int frames;
    private long bytes;

    SendBound(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Takes room for one input frame of {@code size} bytes, or throws without taking any. */
    synchronized void take(long size) {
        if (frames >= maxFrames) throw new SendQueueFullException("maxQueuedSends", maxFrames);
        if (bytes > 0 && bytes + size > maxBytes) throw new SendQueueFullException("maxQueuedSendBytes", maxBytes);
        frames++;
        bytes += size;
    }

    /** Counts a control frame, whatever the bound. */
    synchronized void force(long size) {
        frames++;
        bytes += size;
    }

    /** A frame was written (or will never be). */
    synchronized void release(long size) {
        frames--;
        bytes -= size;
    }

    /** The UTF-8 size of {@code s}, without encoding it. */
    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
