package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.compile.ParamSpec;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.Signal;

import java.util.Arrays;
import java.util.Map;

/** Binds positional and keyword arguments to a function's parameters (LANGUAGE.md §5). */
final class Binder {
    private Binder() {
    }

    /** Returns the parameter slot values; unsupplied defaults are {@link Signal#MISSING}. */
    static Value[] bind(String fn, ParamSpec spec, Value[] positional, int count, DictValue kwargs) {
        String[] names = spec.names;
        int n = names.length;
        Value[] slots = new Value[spec.slotCount()];
        int positionalSlots = Math.min(count, spec.keywordOnlyFrom);
        System.arraycopy(positional, 0, slots, 0, positionalSlots);
        if (count > positionalSlots) {
            if (!spec.hasRest) {
                throw Arity.argument(fn + "() takes " + describe(spec.keywordOnlyFrom) + " but " + count
                        + (count == 1 ? " was" : " were") + " given");
            }
        }
        if (spec.hasRest) {
            slots[n] = count > positionalSlots
                    ? ListValue.of(Arrays.copyOfRange(positional, positionalSlots, count))
                    : ListValue.EMPTY;
        }
        DictValue.Builder extra = spec.hasKwargs ? DictValue.builder() : null;
        if (kwargs != null) {
            for (Map.Entry<String, Value> e : kwargs.entries()) {
                String key = e.getKey();
                int idx = indexOf(names, key);
                if (idx >= 0 && idx >= spec.positionalOnly) {
                    if (slots[idx] != null) {
                        throw Arity.argument(fn + "() got multiple values for argument '" + key + "'");
                    }
                    slots[idx] = e.getValue();
                } else if (extra != null) {
                    extra.put(key, e.getValue());
                } else if (idx >= 0) {
                    throw Arity.argument(fn + "() got positional-only argument '" + key + "' passed as keyword");
                } else {
                    throw Arity.argument(fn + "() got an unexpected keyword argument '" + key + "'");
                }
            }
        }
        if (extra != null) slots[n + (spec.hasRest ? 1 : 0)] = extra.build();
        for (int i = 0; i < n; i++) {
            if (slots[i] == null) {
                if (!spec.hasDefault[i]) {
                    throw Arity.argument(fn + "() missing required argument '" + names[i] + "'");
                }
                slots[i] = Signal.MISSING;
            }
        }
        return slots;
    }

    private static String describe(int n) {
        return n + (n == 1 ? " positional argument" : " positional arguments");
    }

    private static int indexOf(String[] names, String key) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(key)) return i;
        return -1;
    }
}
