package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.value.Values;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The top-level built-in functions of LANGUAGE.md §8 (all but the concurrency ones, which the
 * runtime provides), registered from one explicit list.
 */
public final class Builtins {
    private Builtins() {
    }

    private static final Map<String, Value> ALL = build();

    /** Every built-in function by name, in a stable order. */
    public static Map<String, Value> all() {
        return ALL;
    }

    private static Map<String, Value> build() {
        Map<String, Value> m = new LinkedHashMap<>();
        add(m, "print", 0, Args.MANY, (cx, a) -> {
            String text = joinDisplay(cx, a, 0) + "\n";
            cx.print(text);
            return UnitValue.UNIT;
        });
        add(m, "len", 1, 1, (cx, a) -> {
            if (a[0] instanceof StrValue s) Budget.scan(cx, s.javaLength()); // counts UTF-8 bytes char by char
            return IntValue.of(length(a[0]));
        });
        add(m, "range", 1, 2, (cx, a) -> {
            if (a.length == 1) return new RangeValue(0, Args.integer("range", a[0]), false);
            return new RangeValue(Args.integer("range", a[0]), Args.integer("range", a[1]), false);
        });
        add(m, "enumerate", 1, 1, (cx, a) -> ListMethods.enumerate(cx, Seq.elements(cx, "enumerate", a[0])));
        add(m, "type_of", 1, 1, (cx, a) -> StrValue.of(a[0].typeName()));
        add(m, "str", 1, 1, (cx, a) -> a[0] instanceof StrValue ? a[0] : ListMethods.display(cx, a[0]));
        add(m, "int", 1, 1, (cx, a) -> {
            if (a[0] instanceof StrValue s) Budget.scan(cx, s.javaLength());
            return toInt(a[0]);
        });
        add(m, "float", 1, 1, (cx, a) -> {
            if (a[0] instanceof StrValue s) Budget.scan(cx, s.javaLength());
            return toFloat(a[0]);
        });
        add(m, "bytes", 0, 1, (cx, a) -> toBytes(cx, a));
        add(m, "bytes_from_hex", 1, 1, (cx, a) -> BytesModule.fromHex(cx, "bytes_from_hex", a[0]));
        add(m, "set", 0, 1, (cx, a) -> {
            if (a.length == 0) return SetValue.EMPTY;
            if (a[0] instanceof SetValue) return a[0];
            Value[] items = Seq.elements(cx, "set", a[0]);
            return CollectionMethods.fresh(cx, new LinkedHashSet<>(Arrays.asList(items)));
        });
        add(m, "cell", 1, 1, (cx, a) -> {
            Budget.allocate(cx, 16);
            return new CellValue(a[0]);
        });
        add(m, "assert", 1, 2, (cx, a) -> {
            if (!(a[0] instanceof BoolValue b)) throw IonException.type("assert expects a bool, got " + a[0].typeName());
            if (b.value) return UnitValue.UNIT;
            throw IonException.runtime(a.length > 1 ? Printer.display(a[1]) : "assertion failed");
        });
        add(m, "assert_eq", 2, 3, (cx, a) -> {
            if (Values.equal(a[0], a[1])) return UnitValue.UNIT;
            throw IonException.runtime(a.length > 2 ? Printer.display(a[2])
                    : "assertion failed: " + a[0].repr() + " != " + a[1].repr());
        });
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Value> m, String name, int min, int max, NativeFn body) {
        m.put(name, fn(name, min, max, body));
    }

    /** A built-in whose arity is checked before its body runs. */
    static BuiltinFn fn(String name, int min, int max, NativeFn body) {
        return new BuiltinFn(name, (cx, args) -> {
            Args.arity(name, args.length, min, max);
            return body.call(cx, args);
        });
    }

    /** Display forms of {@code a[from..]} joined by a space, charged per character. */
    static String joinDisplay(CallContext cx, Value[] a, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < a.length; i++) {
            if (i > from) sb.append(' ');
            Printer.display(a[i], sb);
            // the arguments may all be one long string: refuse the text at the memory limit, as display does one value
            Budget.refuse(cx, 2L * sb.length());
        }
        Budget.charge(cx, sb.length());
        return sb.toString();
    }

    static final String SIZED = "a string, list, tuple, dict, set, bytes or range";

    /** {@code len}: UTF-8 bytes of a string, elements of a collection, bytes of bytes. */
    static long length(Value v) {
        if (v instanceof StrValue s) return s.utf8Length();
        if (v instanceof ListValue l) return l.size();
        if (v instanceof TupleValue t) return t.size();
        if (v instanceof DictValue d) return d.size();
        if (v instanceof SetValue s) return s.size();
        if (v instanceof BytesValue b) return b.size();
        if (v instanceof RangeValue r) return r.count();
        throw Args.expected("len", SIZED, v);
    }

    static Value toInt(Value v) {
        if (v instanceof IntValue) return v;
        if (v instanceof FloatValue f) return IntValue.of(NumberMethods.truncate("int", f.value));
        if (v instanceof BoolValue b) return IntValue.of(b.value ? 1 : 0);
        if (v instanceof StrValue s) {
            try {
                return IntValue.of(StringMethods.parseInt(s.str()));
            } catch (NumberFormatException e) {
                throw IonException.runtime("int() cannot parse " + Printer.quote(s.str()) + ": " + e.getMessage());
            }
        }
        throw Args.expected("int", "an int, float, bool or string", v);
    }

    static Value toFloat(Value v) {
        if (v instanceof FloatValue) return v;
        if (v instanceof IntValue i) return FloatValue.of((double) i.value);
        if (v instanceof BoolValue b) return FloatValue.of(b.value ? 1.0 : 0.0);
        if (v instanceof StrValue s) {
            try {
                return FloatValue.of(StringMethods.parseFloat(s.str()));
            } catch (NumberFormatException e) {
                throw IonException.runtime("float() cannot parse " + Printer.quote(s.str()) + ": " + e.getMessage());
            }
        }
        throw Args.expected("float", "an int, float, bool or string", v);
    }

    /** {@code bytes()}, {@code bytes(n)} zeroed, {@code bytes(string)} UTF-8, {@code bytes(list of ints)}. */
    private static Value toBytes(CallContext cx, Value[] a) {
        if (a.length == 0) return BytesValue.EMPTY;
        Value v = a[0];
        if (v instanceof BytesValue) return v;
        if (v instanceof IntValue) {
            long n = Args.count("bytes", v);
            Budget.reserveBytes(cx, "bytes", n);
            Budget.charge(cx, n);
            return BytesValue.of(new byte[(int) n]);
        }
        if (v instanceof StrValue s) return BytesMethods.fresh(cx, s.str().getBytes(StandardCharsets.UTF_8));
        if (v instanceof ListValue || v instanceof TupleValue || v instanceof RangeValue) {
            return BytesMethods.fresh(cx, BytesMethods.fromList(cx, "bytes", v));
        }
        throw Args.expected("bytes", "an int, string, list of ints or bytes", v);
    }
}
