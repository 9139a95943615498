package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;

import java.util.Arrays;

/** Indexing, slicing, field access and functional update of collections (LANGUAGE.md §4). */
final class Access {
    private Access() {
    }

    static IonException outOfBounds(long index, int length) {
        return IonException.runtime("index out of bounds: index " + index + " but length is " + length);
    }

    /** Resolves a possibly negative index against {@code length}. */
    static int position(long index, int length) {
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) throw outOfBounds(index, length);
        return (int) i;
    }

    static Value index(Value target, Value key) {
        if (target instanceof ListValue l) return l.get(position(intIndex(key, "list"), l.size()));
        if (target instanceof DictValue d) {
            if (!(key instanceof StrValue s)) throw IonException.type("dict keys are strings, got " + key.typeName());
            Value v = d.get(s.str());
            return v == null ? OptionValue.NONE : v;
        }
        if (target instanceof TupleValue t) return t.get(position(intIndex(key, "tuple"), t.size()));
        if (target instanceof StrValue s) {
            int i = position(intIndex(key, "string"), s.charLength());
            return StrValue.ofCodePoint(s.codePointAt(i));
        }
        if (target instanceof BytesValue b) return IntValue.of(b.get(position(intIndex(key, "bytes"), b.size())));
        if (target instanceof RangeValue r) return IntValue.of(r.at(intIndex(key, "range")));
        throw IonException.type("cannot index " + target.typeName());
    }

    private static long intIndex(Value key, String what) {
        if (key instanceof IntValue i) return i.value;
        throw IonException.type(what + " indices must be int, got " + key.typeName());
    }

    /** Clamps a slice bound (negative counts from the end) into {@code [0, length]}. */
    private static int clamp(long bound, int length) {
        long b = bound < 0 ? bound + length : bound;
        return (int) Math.max(0, Math.min(length, b));
    }

    static Value slice(Value target, Value lo, Value hi, boolean inclusive) {
        int length;
        if (target instanceof ListValue l) length = l.size();
        else if (target instanceof StrValue s) length = s.charLength();
        else if (target instanceof BytesValue b) length = b.size();
        else if (target instanceof TupleValue t) length = t.size();
        else throw IonException.type("cannot slice " + target.typeName());
        int from = lo == null ? 0 : clamp(intIndex(lo, "slice"), length);
        int to;
        if (hi == null) {
            to = length;
        } else {
            long h = intIndex(hi, "slice");
            if (h < 0) h += length;
            if (inclusive) h = h == Long.MAX_VALUE ? h : h + 1;
            to = (int) Math.max(0, Math.min(length, h));
        }
        if (to < from) to = from;
        if (target instanceof ListValue l) return l.slice(from, to);
        if (target instanceof StrValue s) return s.substring(from, to);
        if (target instanceof BytesValue b) return BytesValue.of(Arrays.copyOfRange(b.raw(), from, to));
        return TupleValue.of(Arrays.copyOfRange(((TupleValue) target).items(), from, to));
    }

    static Value field(Value target, String name) {
        if (target instanceof DictValue d) {
            Value v = d.get(name);
            return v == null ? OptionValue.NONE : v;
        }
        if (target instanceof TupleValue t && isDigits(name)) {
            int i = Integer.parseInt(name);
            if (i >= t.size()) throw outOfBounds(i, t.size());
            return t.get(i);
        }
        if (target instanceof StructValue s) {
            Value v = s.field(name);
            if (v == null) throw IonException.runtime("struct " + s.structName() + " has no field '" + name + "'");
            return v;
        }
        if (target instanceof ModuleValue m) {
            Value v = m.member(name);
            if (v == null) throw IonException.name("module '" + m.name() + "' has no member '" + name + "'");
            return v;
        }
        if (target instanceof EnumValue e && isDigits(name)) {
            int i = Integer.parseInt(name);
            if (i >= e.payload().length) throw outOfBounds(i, e.payload().length);
            return e.payload()[i];
        }
        throw IonException.type("no field '" + name + "' on " + target.typeName());
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    static Value setIndex(Value target, Value key, Value value) {
        if (target instanceof ListValue l) return l.with(position(intIndex(key, "list"), l.size()), value);
        if (target instanceof DictValue d) {
            if (!(key instanceof StrValue s)) throw IonException.type("dict keys are strings, got " + key.typeName());
            return d.insert(s.str(), value);
        }
        if (target instanceof TupleValue t) {
            Value[] items = t.items().clone();
            items[position(intIndex(key, "tuple"), t.size())] = value;
            return TupleValue.of(items);
        }
        if (target instanceof BytesValue b) {
            if (!(value instanceof IntValue v) || v.value < 0 || v.value > 255) {
                throw IonException.type("bytes elements must be ints in 0..=255, got " + value.repr());
            }
            byte[] copy = b.toArray();
            copy[position(intIndex(key, "bytes"), b.size())] = (byte) v.value;
            return BytesValue.of(copy);
        }
        throw IonException.type("cannot assign into an element of " + target.typeName());
    }

    static Value setField(Value target, String name, Value value) {
        if (target instanceof DictValue d) return d.insert(name, value);
        if (target instanceof StructValue s) {
            if (s.field(name) == null) throw IonException.runtime("struct " + s.structName() + " has no field '" + name + "'");
            return s.with(name, value);
        }
        if (target instanceof TupleValue t && isDigits(name)) return setIndex(t, IntValue.of(Integer.parseInt(name)), value);
        throw IonException.type("cannot assign field '" + name + "' on " + target.typeName());
    }
}
