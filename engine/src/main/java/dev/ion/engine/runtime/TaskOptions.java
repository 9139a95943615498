package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.StrValue;

import java.util.List;
import java.util.Map;

/**
 * The options dict of a {@code task} function: every key is optional, unknown keys and wrong types are
 * {@code type} errors naming the function and the key, out-of-range values are {@code runtime} errors.
 */
final class TaskOptions {
    private final String fn;
    private final DictValue dict;

    private TaskOptions(String fn, DictValue dict) {
        this.fn = fn;
        this.dict = dict;
    }

    /** Reads {@code v} (a dict, or null when the argument was left out) allowing only {@code keys}. */
    static TaskOptions of(String fn, Value v, List<String> keys) {
        if (v == null) return new TaskOptions(fn, DictValue.EMPTY);
        if (!(v instanceof DictValue d)) {
            throw IonException.type(fn + "() expected an options dict, got " + v.typeName());
        }
        for (Map.Entry<String, Value> e : d.entries()) {
            if (!keys.contains(e.getKey())) {
                throw IonException.type(fn + "() unknown option '" + e.getKey() + "' (expected one of "
                        + String.join(", ", keys) + ")");
            }
        }
        return new TaskOptions(fn, d);
    }

    /** An int option of at least {@code min}, or {@code dflt} when absent. */
    long integer(String key, long dflt, long min) {
        Value v = dict.get(key);
        if (v == null) return dflt;
        if (!(v instanceof IntValue i)) throw wrongType(key, "an int", v);
        if (i.value < min) {
            throw IonException.runtime(fn + "() option '" + key + "' must be at least " + min + ", got " + i.value);
        }
        return i.value;
    }

    /** A number option of at least {@code min}, or {@code dflt} when absent. */
    double number(String key, double dflt, double min) {
        Value v = dict.get(key);
        if (v == null) return dflt;
        double d;
        if (v instanceof IntValue i) d = i.value;
        else if (v instanceof FloatValue f) d = f.value;
        else throw wrongType(key, "a number", v);
        if (!(d >= min) || Double.isInfinite(d)) {
            throw IonException.runtime(fn + "() option '" + key + "' must be a finite number of at least " + min
                    + ", got " + v.repr());
        }
        return d;
    }

    boolean bool(String key, boolean dflt) {
        Value v = dict.get(key);
        if (v == null) return dflt;
        if (!(v instanceof BoolValue b)) throw wrongType(key, "a bool", v);
        return b.truthy();
    }

    /** A string option that must be one of {@code allowed}. */
    String choice(String key, String dflt, List<String> allowed) {
        Value v = dict.get(key);
        if (v == null) return dflt;
        if (!(v instanceof StrValue s)) throw wrongType(key, "a string", v);
        if (!allowed.contains(s.str())) {
            throw IonException.runtime(fn + "() option '" + key + "' must be one of \"" + String.join("\", \"", allowed)
                    + "\", got \"" + s.str() + "\"");
        }
        return s.str();
    }

    private IonException wrongType(String key, String expected, Value got) {
        return IonException.type(fn + "() option '" + key + "' expected " + expected + ", got " + got.typeName());
    }
}
