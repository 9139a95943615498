package dev.ion.server.wire;

import dev.ion.engine.Limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's limits as the protocol shows them ({@code limits} of a run and of its {@code started}
 * frame): the names of {@code RunRequest.limits}, in a fixed order, unlimited ones left out.
 */
public final class WireLimits {
    private WireLimits() {
    }

    public static Map<String, Long> of(Limits l) {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, "fuel", l.fuel());
        put(m, "deadline_ms", l.deadlineMs());
        put(m, "max_call_depth", l.maxCallDepth());
        put(m, "max_tasks", l.maxTasks());
        put(m, "max_memory_bytes", l.maxMemoryBytes());
        put(m, "max_output_bytes", l.maxOutputBytes());
        put(m, "max_channel_capacity", l.maxChannelCapacity());
        return m;
    }

    private static void put(Map<String, Long> m, String name, long v) {
        if (v != Limits.UNLIMITED) m.put(name, v);
    }
}
