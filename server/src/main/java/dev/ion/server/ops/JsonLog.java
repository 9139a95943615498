package dev.ion.server.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output ({@code ts}, {@code level},
 * {@code msg}, then the given fields — {@code run} carries the run id). Deliberately
 * tiny: the server logs one line per request, one per finished run and a few lifecycle
 * lines, so no logging framework is needed.
 */
public final class JsonLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintStream out;
    private final boolean enabled;

    public JsonLog(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public void info(String msg, Object... fields) {
        log("info", msg, fields);
    }

    public void warn(String msg, Object... fields) {
        log("warn", msg, fields);
    }

    /** Lifecycle lines (listening, draining) are written even when request logging is off. */
    public void always(String msg, Object... fields) {
        write("info", msg, fields);
    }

    public void log(String level, String msg, Object... fields) {
        if (enabled) write(level, msg, fields);
    }

    private void write(String level, String msg, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("msg", msg);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"error\",\"msg\":\"unloggable line\"}";
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
