package dev.ion.server.http;

import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values sent to one run's {@code input} that its script has not received yet, by
 * count and bytes, so that a run which never reads cannot make the server hold an
 * unbounded pile of input for it. A value leaves when the script receives it (the
 * engine reports the very same object to the run's listener) or when it can no longer
 * be delivered. Used on the run's context only.
 */
final class QueuedInput {
    private final int maxValues;
    private final long maxBytes;
    private final Map<Value, ArrayDeque<Long>> held = new IdentityHashMap<>();
    private int count;
    private long bytes;

    QueuedInput(int maxValues, long maxBytes) {
        this.maxValues = maxValues;
        this.maxBytes = maxBytes;
    }

    /** Takes {@code value} in, or throws a 429 error when it would exceed either bound. */
    void add(String runId, Value value, long size) {
        if (count + 1 > maxValues || bytes + size > maxBytes) {
            throw new ApiError(ErrorCode.RATE_LIMITED, "run " + runId + " has not read its input: " + count
                    + " values (" + bytes + " bytes) are waiting, at most " + maxValues + " values and " + maxBytes
                    + " bytes may wait; send again once the script has received some", Map.of("Retry-After", "1"));
        }
        held.computeIfAbsent(value, v -> new ArrayDeque<>()).addLast(size);
        count++;
        bytes += size;
    }

    /** The script received {@code value}, or it was refused: it no longer counts (no-op for other values). */
    void remove(Value value) {
        ArrayDeque<Long> sizes = held.get(value);
        if (sizes == null) return;
        bytes -= sizes.removeFirst();
        count--;
        if (sizes.isEmpty()) held.remove(value);
    }

    void clear() {
        held.clear();
        count = 0;
        bytes = 0;
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }
}
