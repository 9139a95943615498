package dev.ion.server.wire;

import dev.ion.engine.Limits;
import dev.ion.protocol.JsonText;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's limits as the protocol shows them ({@code limits} of a run and of its {@code started}
 * frame): the names of {@code RunRequest.limits}, in a fixed order, unlimited ones left out.
 * The map of the limits last shown is kept with its JSON text, so that the runs of a server
 * whose requests set no limits share one map and one text.
 */
public final class WireLimits {
    private WireLimits() {
    }

    /** The last limits shown, their map (unmodifiable) and its JSON text: most runs have the same limits. */
    private record Shown(Limits limits, Map<String, Long> map, String json) {
    }

    private static volatile Shown last;

    /** The protocol's map of {@code l}: unmodifiable, the same instance as last time when the limits are equal. */
    public static Map<String, Long> of(Limits l) {
        Shown s = last;
        if (s != null && s.limits.equals(l)) return s.map;
        Map<String, Long> m = Collections.unmodifiableMap(build(l));
        StringBuilder json = new StringBuilder(160).append('{');
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (json.length() > 1) json.append(',');
            JsonText.string(json, e.getKey()).append(':').append(e.getValue().longValue());
        }
        last = new Shown(l, m, json.append('}').toString());
        return m;
    }

    /** The JSON object text of {@code map} when it is the one {@link #of} gave last, else null. */
    public static String json(Map<String, Long> map) {
        Shown s = last;
        return s != null && s.map == map ? s.json : null;
    }

    private static Map<String, Long> build(Limits l) {
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
