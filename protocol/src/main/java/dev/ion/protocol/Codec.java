package dev.ion.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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
    /** One reader per decoded type: the mapper would look the type up again on every call. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

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
                // Floats are read exactly so that one too large for a double is refused by name,
                // not turned into Infinity (see ScriptNumbers).
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(new ScriptNumbers.NodeFactory())
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
            T value = readers.get(type).readValue(json);
            if (value == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "expected a JSON object, got null");
            return value;
        } catch (IOException e) {
            throw translate(e);
        } catch (NumberFormatException e) {
            throw unreadableNumber("", e);
        }
    }

    public <T> T decode(String json, Class<T> type) {
        try {
            T value = readers.get(type).readValue(json);
            if (value == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "expected a JSON object, got null");
            return value;
        } catch (IOException e) {
            throw translate(e);
        } catch (NumberFormatException e) {
            throw unreadableNumber("", e);
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
        } catch (NumberFormatException e) {
            throw unreadableNumber("", e);
        }
    }

    /**
     * The body of {@code POST /v1/runs/{id}/input}: exactly one JSON value whose numbers a
     * script can hold (see {@link ScriptNumbers}).
     */
    public JsonNode inputValue(byte[] json) {
        JsonNode node = tree(json);
        ScriptNumbers.check(node, "body");
        return node;
    }

    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw translate(e);
        } catch (NumberFormatException e) {
            throw unreadableNumber("", e);
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

    /**
     * Turns a parser or mapping failure into the protocol error a client should see; the
     * message says what was wrong and where, in JSON terms only.
     */
    public static ProtocolException translate(IOException e) {
        Throwable cause = e instanceof ValueInstantiationException v && v.getCause() != null ? v.getCause() : e;
        if (cause instanceof ProtocolException pe) return pe;
        if (e instanceof JsonMappingException && e.getCause() instanceof IOException inner
                && !(inner instanceof JsonMappingException)) {
            return translate(inner);
        }
        if (e instanceof JsonMappingException m && e.getCause() instanceof NumberFormatException n) {
            return unreadableNumber(path(m), n);
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return new ProtocolException(ErrorCode.INVALID_JSON, constraint(e) + at(e));
        }
        if (e instanceof InputCoercionException c) {
            return ScriptNumbers.outOfRange(contextPath(c.getProcessor()), text(c.getProcessor()), "int",
                    ScriptNumbers.INT_RANGE);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ", " (known fields: ", ")"));
            return new ProtocolException(ErrorCode.BAD_REQUEST, "unknown field '" + path(u) + "'" + known);
        }
        if (e instanceof InvalidTypeIdException t) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, t.getTypeId() == null
                    ? "missing field 'type'" : "unknown frame type '" + t.getTypeId() + "'");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + path(f) + "': '" + f.getValue()
                    + "' is not one of " + enumNames(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m) {
            String message = String.valueOf(m.getOriginalMessage());
            if (message.startsWith("Trailing token")) {
                return new ProtocolException(ErrorCode.INVALID_JSON,
                        "expected one JSON value, found more after it" + at(e) + " (send one value per request)");
            }
            if (message.startsWith("No content")) return new ProtocolException(ErrorCode.INVALID_JSON, "empty body");
            String where = path(m);
            return new ProtocolException(ErrorCode.BAD_REQUEST, where.isEmpty()
                    ? "wrong JSON shape: expected " + describe(m.getTargetType()) + foundToken(m)
                    : "wrong type for field '" + where + "': expected " + describe(m.getTargetType()) + foundToken(m));
        }
        if (e instanceof JsonMappingException m) {
            String where = path(m);
            return new ProtocolException(ErrorCode.BAD_REQUEST,
                    (where.isEmpty() ? "" : "field '" + where + "': ") + UserText.clean(m.getOriginalMessage(), "not usable"));
        }
        if (e instanceof JsonProcessingException p) {
            return new ProtocolException(ErrorCode.INVALID_JSON, "malformed JSON" + at(e) + ": "
                    + UserText.clean(p.getOriginalMessage(), "not valid JSON"));
        }
        return new ProtocolException(ErrorCode.INVALID_JSON, "unreadable JSON: "
                + UserText.clean(e.getMessage(), "not valid UTF-8 text"));
    }

    /** A number the parser could not even read exactly (an exponent beyond any range). */
    private static ProtocolException unreadableNumber(String path, NumberFormatException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([-+0-9.eE]{1,40})\"")
                .matcher(String.valueOf(e.getMessage()));
        return ScriptNumbers.outOfRange(path, m.find() ? m.group(1) : "a number", "float", ScriptNumbers.FLOAT_RANGE);
    }

    private static String constraint(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("nesting depth")) return "JSON nests too deeply: " + UserText.clean(m, "too many levels");
        if (m.contains("Number value length")) return "a number is too long: " + UserText.clean(m, "too many digits");
        if (m.contains("String value length")) return "a string is too long: " + UserText.clean(m, "too many characters");
        return "JSON nests too deeply or a value is too long: " + UserText.clean(m, "over a limit");
    }

    /** " at line L, column C" of a failure, when known. */
    private static String at(IOException e) {
        JsonLocation loc = e instanceof JsonProcessingException p ? p.getLocation() : null;
        if (loc == null || loc.getLineNr() < 1) return "";
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String text(Object processor) {
        try {
            return processor instanceof JsonParser p ? p.getText() : "a number";
        } catch (IOException ex) {
            return "a number";
        }
    }

    /** The path ({@code limits.fuel}, {@code input[2]}) of where a parser stands. */
    private static String contextPath(Object processor) {
        if (!(processor instanceof JsonParser p)) return "";
        java.util.ArrayList<String> parts = new java.util.ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.add(0, c.getCurrentName());
            else if (c.inArray()) parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
        String path = "";
        for (String part : parts) path = part.startsWith("[") ? path + part : ScriptNumbers.member(path, part);
        return path;
    }

    private static String enumNames(Class<?> type) {
        ObjectMapper plain = new ObjectMapper();
        return java.util.Arrays.stream(type.getEnumConstants()).map(c -> {
            try {
                return plain.writeValueAsString(c).replace("\"", "");
            } catch (JsonProcessingException ex) {
                return String.valueOf(c);
            }
        }).collect(Collectors.joining(", "));
    }

    /** The JSON name of what a Java target type accepts. */
    private static String describe(Class<?> type) {
        if (type == null) return "another type";
        if (type == JsonNode.class) return "a JSON value";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "a boolean";
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) return "an integer";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) return "an object";
        return "another type";
    }

    private static String foundToken(MismatchedInputException m) {
        if (!(m.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p) || p.currentToken() == null) return "";
        return switch (p.currentToken()) {
            case VALUE_STRING -> ", got a string";
            case VALUE_NUMBER_INT -> ", got a number";
            case VALUE_NUMBER_FLOAT -> describe(m.getTargetType()).equals("an integer")
                    ? ", got a number with a fraction or exponent" : ", got a number";
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
