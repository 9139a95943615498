package dev.ion.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ion.engine.HostValues;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON on the wire ↔ engine values, without a detour through text. A client's JSON (already a
 * Jackson tree, its depth bounded by the codec) is walked into plain Java data that
 * {@link HostValues#fromJava} turns into a value: objects become dicts in their order, {@code null}
 * None, integers that fit an Ion int ints, other numbers floats. A value goes out through the
 * engine's own JSON encoder, which alone knows what JSON can represent and bounds the size of
 * hostile values; its text is embedded in the frame as it is, never parsed back into a tree.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** The value a client's JSON stands for; 400 bad_request when a number is out of every Ion range. */
    public static Value toValue(JsonNode json) {
        try {
            return HostValues.fromJava(toJava(json));
        } catch (IonException | IllegalArgumentException | ArithmeticException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "input value not usable: " + e.getMessage());
        }
    }

    /** {@link #toValue} for each element; null stays null (no input given). */
    public static List<Value> toValues(List<JsonNode> input) {
        if (input == null) return null;
        List<Value> values = new ArrayList<>(input.size());
        for (JsonNode n : input) values.add(toValue(n));
        return values;
    }

    /**
     * The JSON of {@code value} as a tree node that writes the engine's encoding verbatim, or null when
     * JSON cannot represent the value or its text would pass about {@code maxChars} characters.
     */
    public static JsonNode toJson(Value value, long maxChars) {
        try {
            return JsonNodeFactory.instance.rawValueNode(new RawValue(HostValues.toJson(value, maxChars)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) return n.longValue();
            return finite(n.bigIntegerValue().doubleValue()); // too large for an int: a float, as the engine's json.decode does
        }
        if (n.isNumber()) return finite(n.doubleValue());
        if (n.isArray()) {
            List<Object> items = new ArrayList<>(n.size());
            for (JsonNode item : n) items.add(toJava(item));
            return items;
        }
        if (n.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), toJava(e.getValue()));
            }
            return fields;
        }
        throw new IllegalArgumentException("JSON node of type " + n.getNodeType() + " has no Ion value");
    }

    private static double finite(double d) {
        if (Double.isInfinite(d)) throw new IllegalArgumentException("number out of range");
        return d;
    }
}
