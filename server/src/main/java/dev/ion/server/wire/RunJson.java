package dev.ion.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ion.protocol.Codec;
import dev.ion.protocol.JsonText;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.ServerFrame;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON text of what every run produces — its {@code started}, {@code output},
 * {@code recv}, {@code select} and {@code result} frames and the run as
 * {@code POST /v1/runs} answers it — built by hand
 * instead of through data binding, whose type and property lookups (and generator set-up)
 * cost more than a trivial run itself. The text is exactly {@link Codec#encode}'s (same
 * fields, order, omitted nulls and escaping; {@code RunJsonTest} compares them); every
 * other frame, and a run with an error, still goes through the codec.
 */
public final class RunJson {
    private RunJson() {
    }

    /** {@code frame} as {@link Codec#encode} writes it. */
    public static String encode(Codec codec, ServerFrame frame) {
        if (frame instanceof ServerFrame.Started s) {
            StringBuilder b = head("started", s.run(), s.seq());
            if (s.ref() != null) JsonText.string(b.append(",\"ref\":"), s.ref());
            if (s.status() != null) JsonText.string(b.append(",\"status\":"), s.status().wire());
            limits(codec, b, s.limits(), s.clamped());
            return b.append('}').toString();
        }
        if (frame instanceof ServerFrame.Output o) {
            StringBuilder b = head("output", o.run(), o.seq());
            if (o.text() != null) JsonText.string(b.append(",\"text\":"), o.text());
            return b.append('}').toString();
        }
        if (frame instanceof ServerFrame.Recv r) {
            StringBuilder b = head("recv", r.run(), r.seq(), 40 + chars(r.value(), r.json()))
                    .append(",\"channel\":").append(r.channel()).append(",\"task\":").append(r.task());
            value(codec, b, r.value(), r.json());
            return b.append('}').toString();
        }
        if (frame instanceof ServerFrame.Select s) {
            StringBuilder b = head("select", s.run(), s.seq(), 16 + chars(s.value(), s.json()))
                    .append(",\"arm\":").append(s.arm());
            value(codec, b, s.value(), s.json());
            return b.append('}').toString();
        }
        if (frame instanceof ServerFrame.Result r) {
            StringBuilder b = head("result", r.run(), r.seq());
            if (r.status() != null) JsonText.string(b.append(",\"status\":"), r.status().wire());
            value(codec, b, r.value(), r.json());
            stats(b, r.stats());
            return b.append('}').toString();
        }
        return codec.encode(frame);
    }

    /** {@code run} as {@link Codec#encode} writes it. */
    public static String encode(Codec codec, RunResponse run) {
        if (run.error() != null) return codec.encode(run);
        StringBuilder b = new StringBuilder(320).append('{');
        if (run.id() != null) JsonText.string(b.append("\"id\":"), run.id());
        if (run.status() != null) JsonText.string(b.append(",\"status\":"), run.status().wire());
        value(codec, b, run.value(), run.json());
        if (run.output() != null) JsonText.string(b.append(",\"output\":"), run.output());
        stats(b, run.stats());
        limits(codec, b, run.limits(), run.clamped());
        if (b.length() > 1 && b.charAt(1) == ',') b.deleteCharAt(1); // no id: the first field has no comma before it
        return b.append('}').toString();
    }

    private static StringBuilder head(String type, String run, long seq) {
        return head(type, run, seq, 200);
    }

    /** The frame's first fields, in a builder with room for {@code more} characters after them. */
    private static StringBuilder head(String type, String run, long seq, int more) {
        int room = 56 + (run == null ? 0 : run.length()) + more;
        StringBuilder b = new StringBuilder(room).append("{\"type\":\"").append(type).append('"');
        if (run != null) JsonText.string(b.append(",\"run\":"), run);
        return b.append(",\"seq\":").append(seq);
    }

    private static void value(Codec codec, StringBuilder b, String repr, JsonNode json) {
        if (repr != null) JsonText.string(b.append(",\"value\":"), repr);
        if (json == null) return;
        b.append(",\"json\":");
        String raw = raw(json);
        if (raw != null) {
            b.append(raw);
        } else {
            b.append(bound(codec, json));
        }
    }

    /** JsonValues' verbatim encoding of an engine value, or null for any other node. */
    private static String raw(JsonNode json) {
        return json instanceof POJONode p && p.getPojo() instanceof RawValue raw && raw.rawValue() instanceof String s
                ? s : null;
    }

    /** About the characters {@link #value} writes (more when it escapes, which the builder absorbs). */
    private static int chars(String repr, JsonNode json) {
        String raw = json == null ? null : raw(json);
        return 24 + (repr == null ? 0 : repr.length()) + (raw == null ? 0 : raw.length());
    }

    private static void stats(StringBuilder b, RunStats stats) {
        if (stats == null) return;
        b.append(",\"stats\":{\"fuel\":").append(stats.fuel()).append(",\"durationMs\":").append(stats.durationMs())
                .append(",\"peakMemoryBytes\":").append(stats.peakMemoryBytes()).append(",\"tasks\":")
                .append(stats.tasks()).append('}');
    }

    private static void limits(Codec codec, StringBuilder b, Map<String, Long> limits,
                               Map<String, Map<String, Long>> clamped) {
        String known = limits == null ? null : WireLimits.json(limits);
        if (known != null) {
            b.append(",\"limits\":").append(known);
        } else if (limits != null) {
            b.append(",\"limits\":{");
            boolean first = true;
            for (Map.Entry<String, Long> e : limits.entrySet()) {
                if (!first) b.append(',');
                first = false;
                JsonText.string(b, e.getKey()).append(':').append(e.getValue());
            }
            b.append('}');
        }
        if (clamped != null) b.append(",\"clamped\":").append(bound(codec, clamped));
    }

    /** Anything else through the codec's data binding. */
    private static String bound(Codec codec, Object value) {
        try {
            return codec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
