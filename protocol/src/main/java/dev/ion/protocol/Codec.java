package dev.ion.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The one JSON codec of the protocol: strict on input (unknown fields, wrong types,
 * trailing tokens and excessive nesting are errors, never silently accepted) and
 * compact on output. Every decoding failure becomes a {@link ProtocolException} whose
 * message names the offending field.
 */
public final class Codec {
    /** Default maximum nesting depth of a request or frame. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final ObjectMapper mapper;
    private final int maxDepth;

    public Codec() {
        this(DEFAULT_MAX_DEPTH);
    }

    public Codec(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // "42" is not a number and 4.5 is not an integer: no silent coercion into typed fields.
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
        this.mapper = m;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Decodes {@code json} as {@code type}, or throws a {@link ProtocolException} saying why not. */
    public <T> T decode(byte[] json, Class<T> type) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "expected a JSON object, got null");
            return value;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public <T> T decode(String json, Class<T> type) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "expected a JSON object, got null");
            return value;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Parses any JSON value (for example the body of {@code POST /v1/runs/{id}/input}). */
    public JsonNode tree(byte[] json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) throw new ProtocolException(ErrorCode.INVALID_JSON, "empty body");
            return node;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encodeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns a Jackson failure into the protocol error a client should see. */
    public static ProtocolException translate(IOException e) {
        Throwable cause = e instanceof ValueInstantiationException v && v.getCause() != null ? v.getCause() : e;
        if (cause instanceof ProtocolException pe) return pe;
        if (e instanceof StreamConstraintsException
                || e.getCause() instanceof StreamConstraintsException) {
            return new ProtocolException(ErrorCode.INVALID_JSON, "JSON nests too deeply or a value is too long: "
                    + firstLine(e.getMessage()));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, "unknown field '" + path(u) + "'");
        }
        if (e instanceof InvalidTypeIdException t) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, t.getTypeId() == null
                    ? "missing field 'type'" : "unknown frame type '" + t.getTypeId() + "'");
        }
        if (e instanceof MismatchedInputException m) {
            String where = path(m);
            return new ProtocolException(ErrorCode.BAD_REQUEST, where.isEmpty()
                    ? "wrong JSON shape: " + firstLine(m.getOriginalMessage())
                    : "wrong type for field '" + where + "': expected " + describe(m.getTargetType())
                    + foundToken(m));
        }
        if (e instanceof JsonMappingException m) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, firstLine(m.getOriginalMessage()));
        }
        if (e instanceof JsonProcessingException p) {
            return new ProtocolException(ErrorCode.INVALID_JSON, "malformed JSON: " + firstLine(p.getOriginalMessage()));
        }
        return new ProtocolException(ErrorCode.INVALID_JSON, "unreadable JSON: " + firstLine(e.getMessage()));
    }

    /** The JSON name of what a Java target type accepts. */
    private static String describe(Class<?> type) {
        if (type == null) return "another type";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "a boolean";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "another type";
    }

    private static String foundToken(MismatchedInputException m) {
        if (!(m.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p) || p.currentToken() == null) return "";
        return switch (p.currentToken()) {
            case VALUE_STRING -> ", got a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", got a number";
            case VALUE_TRUE, VALUE_FALSE -> ", got a boolean";
            case VALUE_NULL -> ", got null";
            case START_OBJECT -> ", got an object";
            case START_ARRAY -> ", got an array";
            default -> "";
        };
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
