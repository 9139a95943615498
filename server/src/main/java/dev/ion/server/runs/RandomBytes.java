package dev.ion.server.runs;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Unpredictable bytes for run ids, straight from the kernel's generator ({@code /dev/urandom},
 * opened once per process) a few KiB per read. The JDK's default {@code NativePRNG} mixes
 * every byte it reads from there with SHA1PRNG output, which cost more than all the rest of
 * making an id. Where {@code /dev/urandom} cannot be read, the bytes come from a
 * {@link SecureRandom}. Not thread-safe: the caller holds a lock.
 */
final class RandomBytes {
    private final byte[] buffer = new byte[4096];
    private int at = buffer.length;
    private SecureRandom fallback = Device.IN == null ? new SecureRandom() : null;

    /** The next byte, 0–255. */
    int next() {
        if (at == buffer.length) refill();
        return buffer[at++] & 0xff;
    }

    private void refill() {
        at = 0;
        if (fallback == null) {
            try {
                if (Device.IN.readNBytes(buffer, 0, buffer.length) == buffer.length) return;
            } catch (IOException e) {
                // below: a SecureRandom from now on
            }
            fallback = new SecureRandom();
        }
        fallback.nextBytes(buffer);
    }

    /** The device, opened on first use and kept open (reads from several threads are safe). */
    private static final class Device {
        static final InputStream IN = open();

        private static InputStream open() {
            try {
                return new FileInputStream("/dev/urandom");
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
    }
}
