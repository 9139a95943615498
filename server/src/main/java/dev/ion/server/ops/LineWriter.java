package dev.ion.server.ops;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Where {@link JsonLog}'s lines go: a write of its own and a flush per line cost the event
 * loop a system call each (two per blocking run), so lines are appended to a buffer in memory
 * instead and one daemon thread writes whatever has gathered at most {@code interval} after
 * the first of them, in one write. Lines keep their order; {@link #flush} writes at once
 * (lifecycle and warning lines, shutdown), and {@link #close} and a shutdown hook make sure no
 * line is left behind when the process ends. A buffer that grows past {@link #MAX_PENDING}
 * (the output cannot keep up) is written by the thread adding to it, which then waits for the
 * output as every line did before. An interval of zero writes and flushes each line at once.
 */
final class LineWriter implements AutoCloseable {
    /** Bytes gathered before the adding thread writes them itself instead of waiting for the writer. */
    static final int MAX_PENDING = 1 << 20;

    private final PrintStream out;
    private final long intervalNanos;
    /** Guards {@link #pending}, {@link #length} and {@link #closed}; never held while writing to {@link #out}. */
    private final Object lock = new Object();
    /** Held while writing to {@link #out}, and while taking the pending bytes to write, so that lines keep their order. */
    private final Object writing = new Object();
    private byte[] pending = new byte[16 * 1024];
    private int length;
    /** The other buffer: the one last written out, reused (only touched under {@link #writing}). */
    private byte[] spare = new byte[16 * 1024];
    private boolean closed;
    private final Thread writer;
    private final Thread hook;

    LineWriter(PrintStream out, Duration interval) {
        this.out = out;
        this.intervalNanos = Math.max(0, interval.toNanos());
        if (intervalNanos == 0) {
            writer = null;
            hook = null;
            return;
        }
        writer = new Thread(this::writeLoop, "ion-log-writer");
        writer.setDaemon(true);
        writer.start();
        hook = new Thread(this::flush, "ion-log-flush");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already ending: close() flushes
        }
    }

    /** Adds one line ({@code bytes} ends with the line separator). */
    void add(byte[] bytes) {
        if (writer == null) {
            synchronized (writing) {
                out.write(bytes, 0, bytes.length);
                out.flush();
            }
            return;
        }
        boolean full;
        boolean after;
        synchronized (lock) {
            after = closed;
            full = false;
            if (!after) {
                if (length + bytes.length > pending.length) grow(length + bytes.length);
                System.arraycopy(bytes, 0, pending, length, bytes.length);
                if (length == 0) lock.notify();
                length += bytes.length;
                full = length >= MAX_PENDING;
            }
        }
        if (after) { // after close: straight through, as without a buffer
            synchronized (writing) {
                flushPending();
                out.write(bytes, 0, bytes.length);
                out.flush();
            }
        } else if (full) {
            flush();
        }
    }

    private void grow(int needed) {
        byte[] bigger = new byte[Math.max(needed, pending.length * 2)];
        System.arraycopy(pending, 0, bigger, 0, length);
        pending = bigger;
    }

    /** Writes every line added so far, now, and flushes the output. */
    void flush() {
        synchronized (writing) {
            flushPending();
        }
    }

    /** Under {@link #writing}: takes the pending bytes (leaving the spare buffer to fill) and writes them. */
    private void flushPending() {
        byte[] full;
        int n;
        synchronized (lock) {
            n = length;
            if (n == 0) return;
            full = pending;
            pending = spare;
            length = 0;
        }
        out.write(full, 0, n);
        out.flush();
        spare = full.length > 4 * MAX_PENDING ? new byte[16 * 1024] : full;
    }

    private void writeLoop() {
        try {
            while (true) {
                synchronized (lock) {
                    while (length == 0 && !closed) lock.wait();
                    if (closed) return;
                }
                // let the lines of the next few milliseconds gather, then write them in one go
                Thread.sleep(intervalNanos / 1_000_000, (int) (intervalNanos % 1_000_000));
                flush();
            }
        } catch (InterruptedException e) {
            flush();
        }
    }

    /** Writes what is pending and stops the writer thread; lines added later are written at once. */
    @Override
    public void close() {
        if (writer == null) return;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds nothing left to write
        }
    }
}
