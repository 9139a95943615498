package dev.ion.server.runs;

import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;
import dev.ion.server.wire.ApiError;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * The values sent to one run's {@code input} that its script has not received yet, by
 * count and bytes, so that a run which never reads cannot make the server hold an
 * unbounded pile of input for it. The input channel is first in, first out: each value
 * the script receives from it releases the oldest one held (after the request's own
 * {@code input} values, which are not counted), and a value that can no longer be
 * delivered releases itself. Used on the run's context only.
 */
final class QueuedInput {
    private record Held(Value value, long size) {
    }

    private final int maxValues;
    private final long maxBytes;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private int uncountedAhead;
    private long bytes;

    QueuedInput(int maxValues, long maxBytes) {
        this.maxValues = maxValues;
        this.maxBytes = maxBytes;
    }

    /** The request's own input values enter the channel first and are not counted. */
    void expectUncounted(int values) {
        uncountedAhead += values;
    }

    /** Takes {@code value} in, or throws a 429 error when it would exceed either bound. */
    void add(String runId, Value value, long size) {
        if (held.size() + 1 > maxValues || bytes + size > maxBytes) {
            throw new ApiError(ErrorCode.RATE_LIMITED, "run " + runId + " has not read its input: " + held.size()
                    + " values (" + bytes + " bytes) are waiting, at most " + maxValues + " values and " + maxBytes
                    + " bytes may wait; send again once the script has received some", Map.of("Retry-After", "1"));
        }
        held.addLast(new Held(value, size));
        bytes += size;
    }

    /** The script received a value from the input channel. */
    void received() {
        if (uncountedAhead > 0) {
            uncountedAhead--;
            return;
        }
        Held h = held.pollFirst();
        if (h != null) bytes -= h.size();
    }

    /** {@code value} was refused by the channel (closed): it no longer counts. */
    void refused(Value value) {
        for (Iterator<Held> it = held.descendingIterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.value() == value) {
                it.remove();
                bytes -= h.size();
                return;
            }
        }
    }

    void clear() {
        held.clear();
        uncountedAhead = 0;
        bytes = 0;
    }

    int count() {
        return held.size();
    }

    long bytes() {
        return bytes;
    }
}
