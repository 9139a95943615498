package dev.ion.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ion.protocol.Codec;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.ServerFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON text of what every run produces — its {@code started}, {@code output} and
 * {@code result} frames and the run as {@code POST /v1/runs} answers it — written field by
 * field on a Jackson generator instead of through data binding, whose type and property
 * lookups cost more than a trivial run itself. The text is exactly {@link Codec#encode}'s
 * (same fields, order, omitted nulls and escaping; {@code RunJsonTest} compares them);
 * every other frame, and a run with an error, still goes through the codec.
 */
public final class RunJson {
    private RunJson() {
    }

    /** {@code frame} as {@link Codec#encode} writes it. */
    public static String encode(Codec codec, ServerFrame frame) {
        if (frame instanceof ServerFrame.Started s) {
            return write(codec, g -> {
                head(g, "started", s.run(), s.seq());
                if (s.ref() != null) g.writeStringField("ref", s.ref());
                if (s.status() != null) g.writeStringField("status", s.status().wire());
                limits(g, s.limits(), s.clamped());
            });
        }
        if (frame instanceof ServerFrame.Output o) {
            return write(codec, g -> {
                head(g, "output", o.run(), o.seq());
                if (o.text() != null) g.writeStringField("text", o.text());
            });
        }
        if (frame instanceof ServerFrame.Result r) {
            return write(codec, g -> {
                head(g, "result", r.run(), r.seq());
                if (r.status() != null) g.writeStringField("status", r.status().wire());
                value(g, r.value(), r.json());
                stats(g, r.stats());
            });
        }
        return codec.encode(frame);
    }

    /** {@code run} as {@link Codec#encode} writes it. */
    public static String encode(Codec codec, RunResponse run) {
        if (run.error() != null) return codec.encode(run);
        return write(codec, g -> {
            if (run.id() != null) g.writeStringField("id", run.id());
            if (run.status() != null) g.writeStringField("status", run.status().wire());
            value(g, run.value(), run.json());
            if (run.output() != null) g.writeStringField("output", run.output());
            stats(g, run.stats());
            limits(g, run.limits(), run.clamped());
        });
    }

    /** The fields of one object. */
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Codec codec, Fields fields) {
        // As ObjectMapper.writeValueAsString does: a pooled buffer, the generator writing into it.
        JsonFactory factory = codec.mapper().getFactory();
        BufferRecycler buffers = factory._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                fields.write(g);
                g.writeEndObject();
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffers.releaseToPool();
        }
    }

    private static void head(JsonGenerator g, String type, String run, long seq) throws IOException {
        g.writeStringField("type", type);
        if (run != null) g.writeStringField("run", run);
        g.writeNumberField("seq", seq);
    }

    private static void value(JsonGenerator g, String repr, JsonNode json) throws IOException {
        if (repr != null) g.writeStringField("value", repr);
        if (json == null) return;
        g.writeFieldName("json");
        if (json instanceof POJONode p && p.getPojo() instanceof RawValue raw && raw.rawValue() instanceof String s) {
            g.writeRawValue(s); // JsonValues' verbatim encoding of an engine value
        } else {
            g.writeTree(json);
        }
    }

    private static void stats(JsonGenerator g, RunStats stats) throws IOException {
        if (stats == null) return;
        g.writeObjectFieldStart("stats");
        g.writeNumberField("fuel", stats.fuel());
        g.writeNumberField("durationMs", stats.durationMs());
        g.writeNumberField("peakMemoryBytes", stats.peakMemoryBytes());
        g.writeNumberField("tasks", stats.tasks());
        g.writeEndObject();
    }

    private static void limits(JsonGenerator g, Map<String, Long> limits, Map<String, Map<String, Long>> clamped)
            throws IOException {
        if (limits != null) {
            g.writeObjectFieldStart("limits");
            for (Map.Entry<String, Long> e : limits.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) g.writeNull();
                else g.writeNumber(e.getValue());
            }
            g.writeEndObject();
        }
        if (clamped != null) {
            g.writeFieldName("clamped");
            g.writeObject(clamped);
        }
    }
}
