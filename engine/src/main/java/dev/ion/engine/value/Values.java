package dev.ion.engine.value;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Structural equality, hashing and ordering (LANGUAGE.md §3.3).
 * All traversals are iterative so deeply nested values never overflow the host stack.
 */
public final class Values {
    private Values() {
    }

    // ---- equality ----------------------------------------------------------

    public static boolean equal(Value a, Value b) {
        if (a == b) return true;
        if (a instanceof IntValue x && b instanceof IntValue y) return x.value == y.value;
        ArrayDeque<Value> work = new ArrayDeque<>();
        work.push(b);
        work.push(a);
        int steps = 0;
        while (!work.isEmpty()) {
            Value x = work.pop();
            Value y = work.pop();
            if (++steps == 1024) {
                Meter.spend(steps);
                steps = 0;
            }
            if (x == y) continue;
            if (!shallowEqual(x, y, work)) return false;
        }
        Meter.spend(steps);
        return true;
    }

    /** Compares the outer layer; pushes pairs of children still to compare. */
    private static boolean shallowEqual(Value x, Value y, ArrayDeque<Value> work) {
        if (x instanceof IntValue i) {
            if (y instanceof IntValue j) return i.value == j.value;
            return y instanceof FloatValue g && intEqualsFloat(i.value, g.value);
        }
        if (x instanceof FloatValue f) {
            if (y instanceof FloatValue g) return f.value == g.value;
            return y instanceof IntValue j && intEqualsFloat(j.value, f.value);
        }
        if (x.getClass() != y.getClass()) return false;
        if (x instanceof StrValue s) {
            StrValue t = (StrValue) y;
            if (s.javaLength() != t.javaLength()) return false;
            if (s.javaLength() > 64) Meter.spend(s.javaLength() / 16);
            return s.str().equals(t.str());
        }
        if (x instanceof BoolValue) return false; // identical instances were caught by ==
        if (x instanceof ListValue l) {
            ListValue m = (ListValue) y;
            if (l.size() != m.size()) return false;
            for (int i = l.size() - 1; i >= 0; i--) {
                work.push(m.get(i));
                work.push(l.get(i));
            }
            return true;
        }
        if (x instanceof TupleValue t) {
            TupleValue u = (TupleValue) y;
            if (t.size() != u.size()) return false;
            for (int i = t.size() - 1; i >= 0; i--) {
                work.push(u.get(i));
                work.push(t.get(i));
            }
            return true;
        }
        if (x instanceof DictValue d) {
            DictValue e = (DictValue) y;
            if (d.size() != e.size()) return false;
            for (Map.Entry<String, Value> entry : d.entries()) {
                Value other = e.get(entry.getKey());
                if (other == null) return false;
                work.push(other);
                work.push(entry.getValue());
            }
            return true;
        }
        if (x instanceof SetValue s) {
            SetValue t = (SetValue) y;
            if (s.size() != t.size()) return false;
            for (Value v : s.items()) if (!t.contains(v)) return false;
            return true;
        }
        if (x instanceof OptionValue o) {
            OptionValue p = (OptionValue) y;
            if (o.isSome() != p.isSome()) return false;
            if (o.isSome()) {
                work.push(p.value());
                work.push(o.value());
            }
            return true;
        }
        if (x instanceof ResultValue r) {
            ResultValue s = (ResultValue) y;
            if (r.isOk() != s.isOk()) return false;
            work.push(s.value());
            work.push(r.value());
            return true;
        }
        if (x instanceof RangeValue r) {
            RangeValue s = (RangeValue) y;
            return r.start == s.start && r.end == s.end && r.inclusive == s.inclusive;
        }
        if (x instanceof BytesValue b) {
            BytesValue c = (BytesValue) y;
            return Arrays.equals(b.raw(), 0, b.size(), c.raw(), 0, c.size());
        }
        if (x instanceof StructValue s) {
            StructValue t = (StructValue) y;
            if (!s.structName().equals(t.structName()) || !s.fields().keySet().equals(t.fields().keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                work.push(t.field(e.getKey()));
                work.push(e.getValue());
            }
            return true;
        }
        if (x instanceof EnumValue e) {
            EnumValue f = (EnumValue) y;
            if (!e.enumName().equals(f.enumName()) || !e.variant().equals(f.variant())
                    || e.payload().length != f.payload().length) {
                return false;
            }
            for (int i = e.payload().length - 1; i >= 0; i--) {
                work.push(f.payload()[i]);
                work.push(e.payload()[i]);
            }
            return true;
        }
        return false; // cells, functions, tasks and channels compare by identity
    }

    private static boolean intEqualsFloat(long i, double d) {
        return (double) i == d && d >= -0x1p63 && d < 0x1p63 && (long) d == i;
    }

    // ---- hashing -------------------------------------------------------------

    /** A structural hash consistent with {@link #equal}; sets and dicts contribute only their size. */
    public static int hash(Value root) {
        // fast paths give exactly what the general loop below gives (31 * 1 + shallowHash), so 1 and 1.0 agree
        if (root instanceof IntValue i) return 31 + Long.hashCode(i.value);
        if (root instanceof StrValue s) return 31 + s.seededHash();
        if (root instanceof Atom a) return 31 + a.identityHash();
        int h = 1;
        ArrayDeque<Value> work = new ArrayDeque<>();
        work.push(root);
        int steps = 0;
        while (!work.isEmpty()) {
            Value v = work.pop();
            if (++steps == 1024) {
                Meter.spend(steps);
                steps = 0;
            }
            h = 31 * h + shallowHash(v, work);
        }
        Meter.spend(steps);
        return h;
    }

    private static int shallowHash(Value v, ArrayDeque<Value> work) {
        if (v instanceof IntValue i) return Long.hashCode(i.value);
        if (v instanceof FloatValue f) {
            double d = f.value;
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) return Long.hashCode((long) d);
            return Double.hashCode(d);
        }
        if (v instanceof StrValue s) return s.seededHash();
        if (v instanceof BoolValue b) return b.value ? 1231 : 1237;
        if (v instanceof ListValue l) {
            for (int i = l.size() - 1; i >= 0; i--) work.push(l.get(i));
            return 0x11 + l.size();
        }
        if (v instanceof TupleValue t) {
            for (int i = t.size() - 1; i >= 0; i--) work.push(t.get(i));
            return 0x23 + t.size();
        }
        if (v instanceof DictValue d) return 0x37 + d.size();
        if (v instanceof SetValue s) return 0x41 + s.size();
        if (v instanceof OptionValue o) {
            if (o.isSome()) work.push(o.value());
            return o.isSome() ? 0x53 : 0x59;
        }
        if (v instanceof ResultValue r) {
            work.push(r.value());
            return r.isOk() ? 0x61 : 0x67;
        }
        if (v instanceof RangeValue r) return Long.hashCode(r.start * 31 + r.end) + (r.inclusive ? 1 : 0);
        if (v instanceof BytesValue b) {
            int h = 0x71;
            byte[] raw = b.raw();
            for (int i = 0; i < b.size(); i++) h = 31 * h + raw[i];
            return h;
        }
        if (v instanceof UnitValue) return 0x7f;
        if (v instanceof StructValue s) return s.structName().hashCode();
        if (v instanceof EnumValue e) return e.enumName().hashCode() * 31 + e.variant().hashCode();
        if (v instanceof Atom a) return a.identityHash();
        return System.identityHashCode(v);
    }

    // ---- ordering --------------------------------------------------------------

    /** The ordering of {@code <}: numbers with numbers, strings with strings; anything else fails. */
    public static int compareScalars(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) return Long.compare(x.value, y.value);
        if (isNumber(a) && isNumber(b)) return compareNumbers(a, b);
        if (a instanceof StrValue s && b instanceof StrValue t) return compareStrings(s, t);
        throw IonException.type("cannot compare " + a.typeName() + " with " + b.typeName());
    }

    /**
     * The total order used by {@code sort}, {@code min} and {@code max}: numbers, strings,
     * bools, unit, and lists, tuples, Options and Results compared element by element.
     */
    public static int compare(Value a, Value b) {
        ArrayDeque<Value> work = new ArrayDeque<>();
        work.push(b);
        work.push(a);
        int steps = 0;
        while (!work.isEmpty()) {
            Value x = work.pop();
            Value y = work.pop();
            if (++steps == 1024) {
                Meter.spend(steps);
                steps = 0;
            }
            int c = shallowCompare(x, y, work);
            if (c != 0) {
                Meter.spend(steps);
                return c;
            }
        }
        Meter.spend(steps);
        return 0;
    }

    private static final Value END = Signal.MISSING;

    private static int shallowCompare(Value x, Value y, ArrayDeque<Value> work) {
        if (x == END || y == END) return x == y ? 0 : (x == END ? -1 : 1);
        if (isNumber(x) && isNumber(y)) return compareNumbers(x, y);
        if (x instanceof StrValue s && y instanceof StrValue t) return compareStrings(s, t);
        if (x instanceof BoolValue p && y instanceof BoolValue q) return Boolean.compare(p.value, q.value);
        if (x instanceof UnitValue && y instanceof UnitValue) return 0;
        if (x instanceof ListValue l && y instanceof ListValue m) {
            pushSequences(l.asJavaList(), m.asJavaList(), work);
            return 0;
        }
        if (x instanceof TupleValue t && y instanceof TupleValue u) {
            pushSequences(List.of(t.items()), List.of(u.items()), work);
            return 0;
        }
        if (x instanceof OptionValue o && y instanceof OptionValue p) {
            if (o.isSome() != p.isSome()) return o.isSome() ? 1 : -1;
            if (o.isSome()) {
                work.push(p.value());
                work.push(o.value());
            }
            return 0;
        }
        if (x instanceof ResultValue r && y instanceof ResultValue s) {
            if (r.isOk() != s.isOk()) return r.isOk() ? 1 : -1;
            work.push(s.value());
            work.push(r.value());
            return 0;
        }
        if (x instanceof BytesValue b && y instanceof BytesValue c) {
            return Arrays.compareUnsigned(b.raw(), 0, b.size(), c.raw(), 0, c.size());
        }
        throw IonException.type("cannot compare " + x.typeName() + " with " + y.typeName());
    }

    private static void pushSequences(List<Value> a, List<Value> b, ArrayDeque<Value> work) {
        int n = Math.min(a.size(), b.size());
        if (a.size() != b.size()) {
            work.push(b.size() > n ? b.get(n) : END);
            work.push(a.size() > n ? a.get(n) : END);
        }
        for (int i = n - 1; i >= 0; i--) {
            work.push(b.get(i));
            work.push(a.get(i));
        }
    }

    /** String order, charged per character compared for long strings. */
    /** Orders strings by Unicode code point, as the reference implementation's UTF-8 strings are. */
    public static int compareStrings(StrValue s, StrValue t) {
        String a = s.str();
        String b = t.str();
        int n = Math.min(a.length(), b.length());
        if (n > 64) Meter.spend(n / 16);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) return codePointRank(x) - codePointRank(y);
        }
        return a.length() - b.length();
    }

    /**
     * A UTF-16 unit's place in code-point order: surrogates (which encode code points above
     * U+FFFF) move above U+E000–U+FFFF; everything else keeps its value.
     */
    private static int codePointRank(char c) {
        if (c < 0xD800) return c;
        return c < 0xE000 ? c + 0x2000 : c - 0x800;
    }

    public static boolean isNumber(Value v) {
        return v instanceof IntValue || v instanceof FloatValue;
    }

    private static int compareNumbers(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) return Long.compare(x.value, y.value);
        double x = a.asDouble();
        double y = b.asDouble();
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.compare(x, y);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
}
