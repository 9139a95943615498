package dev.ion.server.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ion.protocol.JsonText;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Structured logs: one JSON object per line on standard output ({@code ts}, {@code level},
 * {@code msg}, then the given fields — {@code run} carries the run id). Deliberately
 * tiny: the server logs one line per request, one per finished run and a few lifecycle
 * lines, so no logging framework is needed.
 *
 * <p>Lines are built on the event loop, two per blocking run, so they are built by hand:
 * strings ({@link JsonText}), numbers and booleans directly, anything else
 * through Jackson; the timestamp by {@link LogTimestamps}. Request and run lines go out
 * through a {@link LineWriter} that writes what gathered every {@code logFlushInterval};
 * lifecycle lines and warnings are written at once (with everything before them).
 */
public final class JsonLog implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] SEPARATOR = System.lineSeparator().getBytes(StandardCharsets.UTF_8);
    private final LineWriter out;
    private final boolean enabled;

    /** Every line written and flushed at once. */
    public JsonLog(PrintStream out, boolean enabled) {
        this(out, enabled, Duration.ZERO);
    }

    /** Info lines written at most {@code flushInterval} after they were logged (zero: at once). */
    public JsonLog(PrintStream out, boolean enabled, Duration flushInterval) {
        this.out = new LineWriter(out, flushInterval);
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
        write("info", msg, true, fields);
    }

    public void log(String level, String msg, Object... fields) {
        if (enabled) write(level, msg, !level.equals("info"), fields);
    }

    /** {@code now}: written at once (with every line before it) rather than with the next batch. */
    private void write(String level, String msg, boolean now, Object... fields) {
        String text;
        try {
            text = line(level, msg, fields);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"error\",\"msg\":\"unloggable line\"}";
        }
        // bytes, not println: the stream's character encoder costs more than building the line
        byte[] bytes = utf8Line(text);
        out.add(bytes);
        if (now) out.flush();
    }

    private static byte[] utf8Line(String text) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(line, line.length + SEPARATOR.length);
        System.arraycopy(SEPARATOR, 0, bytes, line.length, SEPARATOR.length);
        return bytes;
    }

    /** Writes every line logged so far, now. */
    public void flush() {
        out.flush();
    }

    /** Writes what is pending; lines logged afterwards are written at once. */
    @Override
    public void close() {
        out.close();
    }

    /** The line's JSON text: later fields with a name already given replace the earlier value in place. */
    static String line(String level, String msg, Object... fields) throws JsonProcessingException {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"ts\":\"");
        LogTimestamps.appendNow(b);
        b.append("\",\"level\":");
        JsonText.string(b, level);
        b.append(",\"msg\":");
        JsonText.string(b, msg);
        // one bit per name given so far (by hash): only a name whose bit is set can be a repeat
        long seen = RESERVED;
        for (int i = 0; i + 1 < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value == null) continue;
            String name = String.valueOf(fields[i]);
            long bit = bit(name);
            if ((seen & bit) != 0 && repeated(fields, i, name)) return viaJackson(level, msg, fields);
            seen |= bit;
            b.append(',');
            JsonText.string(b, name);
            b.append(':');
            value(b, value);
        }
        return b.append('}').toString();
    }

    private static final long RESERVED = bit("ts") | bit("level") | bit("msg");

    private static long bit(String name) {
        return 1L << (name.hashCode() & 63);
    }

    /** True when a field at an even index below {@code i} has the same name (rare: Jackson's map handles it). */
    private static boolean repeated(Object[] fields, int i, String name) {
        if (name.equals("ts") || name.equals("level") || name.equals("msg")) return true;
        for (int j = 0; j < i; j += 2) {
            if (fields[j + 1] != null && name.equals(String.valueOf(fields[j]))) return true;
        }
        return false;
    }

    private static String viaJackson(String level, String msg, Object... fields) throws JsonProcessingException {
        java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
        StringBuilder ts = new StringBuilder(32);
        LogTimestamps.appendNow(ts);
        line.put("ts", ts.toString());
        line.put("level", level);
        line.put("msg", msg);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        return MAPPER.writeValueAsString(line);
    }

    private static void value(StringBuilder b, Object value) throws JsonProcessingException {
        if (value instanceof String s) {
            JsonText.string(b, s);
        } else if (value instanceof Long n) {
            b.append(n.longValue()); // not append(Object): no String made on the way
        } else if (value instanceof Integer n) {
            b.append(n.intValue());
        } else if (value instanceof Short || value instanceof Byte) {
            b.append(((Number) value).intValue());
        } else if (value instanceof Boolean v) {
            b.append(v.booleanValue());
        } else {
            b.append(MAPPER.writeValueAsString(value));
        }
    }
}
