package dev.ion.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The number rule for JSON handed to a script: an Ion int is 64 bits and an Ion float a
 * double, so an integer outside -2^63..2^63-1 or a float too large for a double is refused
 * with its place ({@code input[2].a}) instead of silently becoming a float or a string.
 */
public final class ScriptNumbers {
    static final String INT_RANGE = "(-2^63..2^63-1)";
    static final String FLOAT_RANGE = "(about ±1.8e308)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ScriptNumbers() {
    }

    /**
     * Builds float nodes as doubles, except a float a double cannot hold: that one stays a
     * decimal so {@link #check} can name it as written (the parser reads floats as decimals).
     */
    static final class NodeFactory extends JsonNodeFactory {
        NodeFactory() {
            super(true);
        }

        @Override
        public ValueNode numberNode(BigDecimal v) {
            if (v == null) return nullNode();
            double d = v.doubleValue();
            return Double.isInfinite(d) ? DecimalNode.valueOf(v) : DoubleNode.valueOf(d);
        }
    }

    /** Throws a {@code bad_request} naming the first number under {@code root} a script could not hold. */
    public static void check(JsonNode root, String where) {
        if (root == null) return;
        ArrayDeque<Map.Entry<String, JsonNode>> work = new ArrayDeque<>();
        work.push(Map.entry(where, root));
        while (!work.isEmpty()) {
            Map.Entry<String, JsonNode> e = work.pop();
            String path = e.getKey();
            JsonNode n = e.getValue();
            if (n.isBigInteger() && !n.canConvertToLong()) {
                throw outOfRange(path, n.bigIntegerValue().toString(), "int", INT_RANGE);
            }
            if (n.isBigDecimal() || (n.isFloatingPointNumber() && Double.isInfinite(n.doubleValue()))) {
                throw outOfRange(path, n.isBigDecimal() ? n.decimalValue().toString() : n.asText(), "float", FLOAT_RANGE);
            }
            if (n.isArray()) {
                for (int i = n.size() - 1; i >= 0; i--) work.push(Map.entry(path + "[" + i + "]", n.get(i)));
            } else if (n.isObject()) {
                ArrayDeque<Map.Entry<String, JsonNode>> fields = new ArrayDeque<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    fields.push(Map.entry(member(path, f.getKey()), f.getValue()));
                }
                while (!fields.isEmpty()) work.push(fields.pop());
            }
        }
    }

    static ProtocolException outOfRange(String path, String number, String type, String range) {
        return new ProtocolException(ErrorCode.BAD_REQUEST,
                (path.isEmpty() ? "" : path + ": ") + number + " is outside the " + type + " range " + range);
    }

    /** {@code path.name}, or {@code path["odd key"]} for a key that is not a plain name. */
    static String member(String path, String key) {
        if (NAME.matcher(key).matches()) return path.isEmpty() ? key : path + "." + key;
        StringBuilder quoted = new StringBuilder("[\"");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') quoted.append('\\');
            quoted.append(c);
        }
        return path + quoted.append("\"]");
    }
}
