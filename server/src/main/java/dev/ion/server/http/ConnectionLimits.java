package dev.ion.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections over the whole server and per client address (shared by every
 * {@link ApiVerticle}), so that one client — or all of them together — cannot take every
 * file descriptor the process has.
 */
final class ConnectionLimits {
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a place for a connection from {@code address}; returns null, or why there is none. */
    String acquire(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return "the server has too many open connections (at most " + maxTotal + ")";
        }
        boolean[] ok = {true};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) {
                ok[0] = false;
                return n;
            }
            return count + 1;
        });
        if (!ok[0]) {
            total.decrementAndGet();
            return "too many open connections from " + address + " (at most " + maxPerAddress + ")";
        }
        return null;
    }

    /** Gives back the place taken by {@link #acquire}. */
    void release(String address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int open() {
        return total.get();
    }
}
