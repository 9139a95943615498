package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders values in display or repr form (LANGUAGE.md §3.5). Iterative, with an
 * explicit work stack, so values nested 200,000 deep print without host recursion.
 */
public final class Printer {
    private Printer() {
    }

    public static String display(Value v) {
        if (v instanceof StrValue s) return s.str();
        if (v instanceof IntValue i) return Long.toString(i.value);
        StringBuilder sb = new StringBuilder();
        render(v, false, sb, Long.MAX_VALUE);
        return sb.toString();
    }

    public static String repr(Value v) {
        StringBuilder sb = new StringBuilder();
        render(v, true, sb, Long.MAX_VALUE);
        return sb.toString();
    }

    /** The repr cut after about {@code maxChars} characters (ending in {@code …}), for hosts showing untrusted values. */
    public static String repr(Value v, long maxChars) {
        StringBuilder sb = new StringBuilder();
        render(v, true, sb, maxChars);
        return sb.toString();
    }

    /** Appends the display form of {@code v}. */
    public static void display(Value v, StringBuilder sb) {
        if (v instanceof StrValue s) sb.append(s.str());
        else render(v, false, sb, Long.MAX_VALUE);
    }

    private static void render(Value root, boolean repr, StringBuilder out, long maxChars) {
        long limit = maxChars == Long.MAX_VALUE ? Long.MAX_VALUE : out.length() + maxChars;
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(root);
        int steps = 0;
        int checked = out.length();
        while (!work.isEmpty()) {
            if (out.length() > limit) {
                out.setLength((int) limit);
                out.append('…');
                return;
            }
            Object item = work.pop();
            // every 1024 items, or sooner after long strings: 1000 references to one long string print it 1000 times
            if (++steps == 1024 || out.length() - checked > 1 << 16) {
                Meter.spend(steps + (out.length() - checked) / 16);
                Meter.checkSize(2L * out.length());
                steps = 0;
                checked = out.length();
            }
            if (item instanceof String text) {
                out.append(text);
                continue;
            }
            if (item instanceof Iterator<?> it) {
                // a sequence still being printed: emit the next element, then come back
                Object next = it.next();
                if (it.hasNext()) {
                    work.push(it);
                    work.push(", ");
                }
                pushElement(next, work);
                continue;
            }
            Value v = (Value) item;
            if (v instanceof IntValue i) {
                out.append(i.value);
            } else if (v instanceof FloatValue f) {
                out.append(FloatFormat.format(f.value));
            } else if (v instanceof StrValue s) {
                if (repr) quote(s.str(), out);
                else out.append(s.str());
            } else if (v instanceof BoolValue b) {
                out.append(b.value);
            } else if (v instanceof UnitValue) {
                out.append("()");
            } else if (v instanceof ListValue l) {
                sequence("[", l.asJavaList().iterator(), l.size(), "]", work, out);
            } else if (v instanceof TupleValue t) {
                if (t.size() == 1) {
                    out.append('(');
                    work.push(",)");
                    work.push(t.get(0));
                } else {
                    sequence("(", Arrays.asList(t.items()).iterator(), t.size(), ")", work, out);
                }
            } else if (v instanceof DictValue d) {
                out.append("#{");
                work.push("}");
                if (d.size() > 0) {
                    Iterator<Map.Entry<String, Value>> it = d.entries().iterator();
                    work.push(new DictIterator(it));
                }
            } else if (v instanceof SetValue s) {
                sequence("set{", s.items().iterator(), s.size(), "}", work, out);
            } else if (v instanceof OptionValue o) {
                if (o.isSome()) wrap("Some(", o.value(), ")", work, out);
                else out.append("None");
            } else if (v instanceof ResultValue r) {
                wrap(r.isOk() ? "Ok(" : "Err(", r.value(), ")", work, out);
            } else if (v instanceof CellValue c) {
                wrap("cell(", c.get(), ")", work, out);
            } else if (v instanceof RangeValue r) {
                out.append(r.start).append(r.inclusive ? "..=" : "..").append(r.end);
            } else if (v instanceof BytesValue b) {
                bytesLiteral(b, out);
            } else if (v instanceof BuiltinFn f) {
                out.append("<fn ").append(f.name()).append('>');
            } else if (v instanceof ModuleValue m) {
                out.append("<module ").append(m.name()).append('>');
            } else if (v instanceof StructValue s) {
                out.append(s.structName()).append(" {");
                work.push(s.fields().isEmpty() ? "}" : " }");
                if (!s.fields().isEmpty()) {
                    out.append(' ');
                    work.push(new FieldIterator(s.fields().entrySet().iterator()));
                }
            } else if (v instanceof EnumValue e) {
                out.append(e.enumName()).append("::").append(e.variant());
                if (e.payload().length > 0) {
                    sequence("(", Arrays.asList(e.payload()).iterator(), e.payload().length, ")", work, out);
                }
            } else if (v instanceof Atom a) {
                out.append(a.text());
            } else {
                out.append('<').append(v.typeName()).append('>');
            }
        }
        if (out.length() > limit) {
            out.setLength((int) limit);
            out.append('…');
        }
        Meter.spend(steps + (out.length() - checked) / 16);
        Meter.checkSize(2L * out.length());
    }

    private static void pushElement(Object next, ArrayDeque<Object> work) {
        if (next instanceof DictEntry e) {
            work.push(e.value);
            work.push(e.key);
        } else {
            work.push(next);
        }
    }

    private static void sequence(String open, Iterator<?> it, int size, String close, ArrayDeque<Object> work,
                                 StringBuilder out) {
        out.append(open);
        work.push(close);
        if (size > 0) work.push(it);
    }

    private static void wrap(String open, Value inner, String close, ArrayDeque<Object> work, StringBuilder out) {
        out.append(open);
        work.push(close);
        work.push(inner);
    }

    private record DictEntry(String key, Value value) {
    }

    /** Adapts dict entries to "quoted-key: " + value items. */
    private static final class DictIterator implements Iterator<Object> {
        private final Iterator<Map.Entry<String, Value>> it;

        DictIterator(Iterator<Map.Entry<String, Value>> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public Object next() {
            Map.Entry<String, Value> e = it.next();
            StringBuilder key = new StringBuilder();
            quote(e.getKey(), key);
            key.append(": ");
            return new DictEntry(key.toString(), e.getValue());
        }
    }

    /** Adapts struct fields to "name: " + value items. */
    private static final class FieldIterator implements Iterator<Object> {
        private final Iterator<Map.Entry<String, Value>> it;

        FieldIterator(Iterator<Map.Entry<String, Value>> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public Object next() {
            Map.Entry<String, Value> e = it.next();
            return new DictEntry(e.getKey() + ": ", e.getValue());
        }
    }

    /** Appends {@code s} as a quoted, escaped Ion string literal. */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.getType(cp) == Character.CONTROL) {
                        out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        out.append('"');
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static void bytesLiteral(BytesValue b, StringBuilder out) {
        out.append("b\"");
        byte[] raw = b.raw();
        for (int i = 0, n = b.size(); i < n; i++) {
            int c = raw[i] & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) out.append((char) c);
                    else out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                }
            }
        }
        out.append('"');
    }
}
