package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatFormat;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} module. Encoding and decoding both use explicit work stacks, so values and
 * documents nested hundreds of thousands of levels deep never overflow the host stack.
 */
final class JsonModule {
    private JsonModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("json")
                .fn("encode", 1, 1, (cx, a) -> result(cx, encode(cx, "encode", a[0], false)))
                .fn("pretty", 1, 1, (cx, a) -> result(cx, encode(cx, "pretty", a[0], true)))
                .fn("decode", 1, 1, (cx, a) -> {
                    String text = Args.string("decode", a[0]);
                    Budget.charge(cx, text.length());
                    Decoder d = new Decoder(text);
                    Value v = d.parse();
                    Budget.allocate(cx, d.allocated);
                    return v;
                })
                .build();
    }

    private static Value result(CallContext cx, String s) {
        Budget.allocate(cx, Budget.strCost(s.length()));
        return StrValue.of(s);
    }

    // ---- encoding -------------------------------------------------------------

    /** An array or object being written: its remaining elements and nesting depth. */
    private static final class Open {
        final Iterator<?> items;
        final int depth;
        final char close;
        boolean first = true;

        Open(Iterator<?> items, int depth, char close) {
            this.items = items;
            this.depth = depth;
            this.close = close;
        }
    }

    private record Pending(Value value, int depth) {
    }

    /**
     * JSON text for {@code root}: None, {@code ()} and non-finite floats become {@code null}, {@code Some(v)}
     * becomes {@code v}, tuples and sets become arrays, host structs objects; other values fail.
     */
    static String encode(CallContext cx, String fn, Value root, boolean pretty) {
        StringBuilder out = new StringBuilder();
        long maxChars = cx.limits().maxMemoryBytes() / 2;
        long charged = 0;
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(new Pending(root, 0));
        while (!work.isEmpty()) {
            if (out.length() - charged > 4096) {
                Budget.charge(cx, out.length() - charged);
                charged = out.length();
                if (out.length() > maxChars) throw IonException.limit("max_memory_bytes", cx.limits().maxMemoryBytes());
            }
            Object item = work.pop();
            if (item instanceof Open o) {
                if (!o.items.hasNext()) {
                    if (pretty && !o.first) newline(out, o.depth - 1);
                    out.append(o.close);
                    continue;
                }
                if (!o.first) out.append(',');
                o.first = false;
                if (pretty) newline(out, o.depth);
                Object next = o.items.next();
                work.push(o);
                if (next instanceof Map.Entry<?, ?> e) {
                    quote((String) e.getKey(), out);
                    out.append(pretty ? ": " : ":");
                    work.push(new Pending((Value) e.getValue(), o.depth));
                } else {
                    work.push(new Pending((Value) next, o.depth));
                }
                continue;
            }
            Pending p = (Pending) item;
            Value v = p.value;
            while (v instanceof OptionValue opt && opt.isSome()) v = opt.value();
            if (v instanceof IntValue i) {
                out.append(i.value);
            } else if (v instanceof FloatValue f) {
                out.append(Double.isFinite(f.value) ? FloatFormat.format(f.value) : "null");
            } else if (v instanceof StrValue s) {
                quote(s.str(), out);
            } else if (v instanceof BoolValue b) {
                out.append(b.value);
            } else if (v instanceof OptionValue || v instanceof UnitValue) {
                out.append("null");
            } else if (v instanceof ListValue l) {
                open('[', l.asJavaList().iterator(), p.depth, ']', work, out);
            } else if (v instanceof TupleValue t) {
                open('[', Arrays.asList(t.items()).iterator(), p.depth, ']', work, out);
            } else if (v instanceof SetValue s) {
                open('[', s.items().iterator(), p.depth, ']', work, out);
            } else if (v instanceof DictValue d) {
                open('{', d.entries().iterator(), p.depth, '}', work, out);
            } else if (v instanceof StructValue s) {
                open('{', s.fields().entrySet().iterator(), p.depth, '}', work, out);
            } else {
                throw IonException.runtime(fn + "() cannot encode a value of type " + v.typeName() + " as JSON");
            }
        }
        Budget.charge(cx, out.length() - charged);
        return out.toString();
    }

    private static void open(char open, Iterator<?> items, int depth, char close, ArrayDeque<Object> work, StringBuilder out) {
        out.append(open);
        work.push(new Open(items, depth + 1, close));
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) out.append("  ");
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends a JSON string literal, escaping as serde_json does. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    // ---- decoding -------------------------------------------------------------

    /** An iterative recursive-descent JSON parser; containers under construction live on a stack. */
    static final class Decoder {
        private final String s;
        private int pos;
        long allocated;

        /** An array (key == null for arrays) or object under construction. */
        private static final class Frame {
            final List<Value> items;
            final DictValue.Builder dict;
            String key;

            Frame(boolean object) {
                items = object ? null : new ArrayList<>();
                dict = object ? DictValue.builder() : null;
            }
        }

        Decoder(String s) {
            this.s = s;
        }

        Value parse() {
            ArrayDeque<Frame> stack = new ArrayDeque<>();
            while (true) {
                skipWs();
                if (pos >= s.length()) throw error("EOF while parsing a value");
                char c = s.charAt(pos);
                Value v;
                if (c == '[') {
                    pos++;
                    skipWs();
                    if (pos < s.length() && s.charAt(pos) == ']') {
                        pos++;
                        v = list(new ArrayList<>());
                    } else {
                        stack.push(new Frame(false));
                        continue;
                    }
                } else if (c == '{') {
                    pos++;
                    skipWs();
                    if (pos < s.length() && s.charAt(pos) == '}') {
                        pos++;
                        v = dict(DictValue.builder());
                    } else {
                        Frame f = new Frame(true);
                        f.key = key();
                        stack.push(f);
                        continue;
                    }
                } else {
                    v = scalar(c);
                }
                // attach v to its container; close every container that ends here
                while (true) {
                    Frame top = stack.peek();
                    if (top == null) {
                        skipWs();
                        if (pos < s.length()) throw error("trailing characters");
                        return v;
                    }
                    if (top.items != null) top.items.add(v);
                    else top.dict.put(top.key, v);
                    skipWs();
                    if (pos >= s.length()) throw error(top.items != null ? "EOF while parsing a list" : "EOF while parsing an object");
                    char d = s.charAt(pos);
                    if (d == ',') {
                        pos++;
                        skipWs();
                        if (pos < s.length() && (s.charAt(pos) == ']' || s.charAt(pos) == '}')) throw error("trailing comma");
                        if (top.dict != null) top.key = key();
                        break;
                    }
                    if (top.items != null && d == ']') {
                        pos++;
                        stack.pop();
                        v = list(top.items);
                    } else if (top.dict != null && d == '}') {
                        pos++;
                        stack.pop();
                        v = dict(top.dict);
                    } else {
                        throw error(top.items != null ? "expected `,` or `]`" : "expected `,` or `}`");
                    }
                }
            }
        }

        private Value list(List<Value> items) {
            allocated += Budget.listCost(items.size());
            return ListValue.of(items.toArray(new Value[0]));
        }

        private Value dict(DictValue.Builder b) {
            allocated += Budget.listCost(b.size()) * 2;
            return b.build();
        }

        /** An object key and the colon after it. */
        private String key() {
            skipWs();
            if (pos >= s.length()) throw error("EOF while parsing an object");
            if (s.charAt(pos) != '"') throw error("key must be a string");
            String k = string();
            skipWs();
            if (pos >= s.length()) throw error("EOF while parsing an object");
            if (s.charAt(pos) != ':') throw error("expected `:`");
            pos++;
            return k;
        }

        private Value scalar(char c) {
            switch (c) {
                case '"' -> {
                    String str = string();
                    allocated += Budget.strCost(str.length());
                    return StrValue.of(str);
                }
                case 't' -> {
                    literal("true");
                    return BoolValue.TRUE;
                }
                case 'f' -> {
                    literal("false");
                    return BoolValue.FALSE;
                }
                case 'n' -> {
                    literal("null");
                    return OptionValue.NONE;
                }
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("expected value");
                }
            }
        }

        private void literal(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (pos >= s.length()) throw error("EOF while parsing a value");
                if (s.charAt(pos) != word.charAt(i)) throw error("expected ident");
                pos++;
            }
        }

        private Value number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            if (pos >= s.length()) throw error("EOF while parsing a value");
            char c = s.charAt(pos);
            if (c == '0') {
                pos++;
                if (pos < s.length() && isDigit(s.charAt(pos))) throw error("invalid number");
            } else if (isDigit(c)) {
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            } else {
                throw error("invalid number");
            }
            boolean isFloat = false;
            if (pos < s.length() && s.charAt(pos) == '.') {
                isFloat = true;
                pos++;
                if (pos >= s.length()) throw error("EOF while parsing a value");
                if (!isDigit(s.charAt(pos))) throw error("invalid number");
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                isFloat = true;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                if (pos >= s.length()) throw error("EOF while parsing a value");
                if (!isDigit(s.charAt(pos))) throw error("invalid number");
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            }
            String text = s.substring(start, pos);
            if (!isFloat) {
                try {
                    return IntValue.of(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    // too large for an int: fall through to a float, as serde_json does
                }
            }
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d)) throw error("number out of range");
            return FloatValue.of(d);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** A string literal starting at the opening quote. */
        private String string() {
            pos++;
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) throw error("EOF while parsing a string");
                char c = s.charAt(pos);
                if (c == '"') {
                    String r = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                    pos++;
                    return r;
                }
                if (c < 0x20) throw error("control character (\\u0000-\\u001F) found while parsing a string");
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) sb = new StringBuilder();
                sb.append(s, runStart, pos);
                pos++;
                if (pos >= s.length()) throw error("EOF while parsing a string");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int u = hex4();
                        if (Character.isHighSurrogate((char) u)) {
                            if (pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u') {
                                pos += 2;
                                int low = hex4();
                                if (!Character.isLowSurrogate((char) low)) throw error("lone leading surrogate in hex escape");
                                sb.append((char) u).append((char) low);
                            } else {
                                throw error("lone leading surrogate in hex escape");
                            }
                        } else if (Character.isLowSurrogate((char) u)) {
                            throw error("lone trailing surrogate in hex escape");
                        } else {
                            sb.append((char) u);
                        }
                    }
                    default -> {
                        pos--;
                        throw error("invalid escape");
                    }
                }
                runStart = pos;
            }
        }

        private int hex4() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                if (pos >= s.length()) throw error("EOF while parsing a string");
                char c = s.charAt(pos);
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) throw error("invalid escape");
                v = v * 16 + d;
                pos++;
            }
            return v;
        }

        private void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return;
                pos++;
            }
        }

        /** "invalid JSON at line L column C: what", position of the offending character (1-based, by character). */
        private IonException error(String what) {
            int at = Math.min(pos, s.length());
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = s.codePointCount(lineStart, at) + 1;
            return IonException.runtime("invalid JSON at line " + line + " column " + column + ": " + what);
        }
    }
}
