package dev.ion.engine;

import dev.ion.engine.stdlib.Json;
import dev.ion.engine.value.HostTypes;

import java.util.List;
import java.util.Map;

/**
 * The host's conversions between Ion values and the outside world, in one place beside {@link Engine}:
 * struct and enum values, plain Java data and JSON text. {@link Value} itself stays a small type at the
 * bottom of the engine; these conversions need the standard library's JSON codec and the host types,
 * which sit above it.
 */
public final class HostValues {
    private HostValues() {
    }

    /**
     * The Java form of a host struct ({@link #toJava}): its type name and its fields converted with
     * {@code toJava}, in order. {@link #fromJava} turns it back into the struct.
     */
    public record HostStruct(String name, Map<String, Object> fields) {
    }

    /**
     * The Java form of a host enum value ({@link #toJava}): enum name, variant name and the payload converted
     * with {@code toJava} (empty for a variant without payload). {@link #fromJava} turns it back.
     */
    public record HostEnum(String enumName, String variant, List<Object> payload) {
    }

    /**
     * A host struct value {@code name { field: value, … }} (fields in the map's order). The type need not be
     * registered for a host function to return it, but scripts can only build it, and the compiler only checks
     * patterns against it, when it is ({@link Engine#registerStruct}). Throws {@link IllegalArgumentException}
     * for an invalid name or a null field.
     */
    public static Value struct(String name, Map<String, ? extends Value> fields) {
        return HostTypes.struct(name, fields);
    }

    /** A host enum value {@code enumName::variant(payload…)}; no payload gives {@code enumName::variant}. */
    public static Value enumVariant(String enumName, String variant, Value... payload) {
        return HostTypes.enumVariant(enumName, variant, payload);
    }

    /**
     * Converts plain Java data: null → None, Boolean, Integer/Long/Short/Byte → int,
     * Float/Double → float, CharSequence → string, byte[] → bytes, Map → dict (keys
     * turned into strings), List/array → list, Optional → Option, {@link HostStruct} → struct,
     * {@link HostEnum} → enum value, Value → itself.
     */
    public static Value fromJava(Object o) {
        return JavaConversion.fromJava(o);
    }

    /**
     * Converts to plain Java data: int → Long, float → Double, bool → Boolean, string →
     * String, bytes → byte[], list/tuple/set → List, dict → LinkedHashMap, None/() → null,
     * Some(v) → v converted, host struct → {@link HostStruct}, host enum value → {@link HostEnum};
     * anything else → its display string.
     */
    public static Object toJava(Value v) {
        return JavaConversion.toJava(v);
    }

    /** Parses JSON text into a value (objects become dicts, {@code null} becomes None). */
    public static Value fromJson(String json) {
        return Json.decode(json);
    }

    /** Compact JSON text for {@code v}; throws {@link IonException} when JSON cannot represent it. */
    public static String toJson(Value v) {
        return Json.encode(v);
    }

    /** Like {@link #toJson(Value)}, but fails with a limit error beyond about {@code maxChars} characters. */
    public static String toJson(Value v, long maxChars) {
        return Json.encode(v, 2 * maxChars);
    }
}
