package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.NativeFn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The methods of one receiver type with their arity bounds, so that the method dispatcher and
 * the function forms of a module (e.g. {@code string::trim(s)}) share one body and one arity rule.
 */
final class MethodTable {
    /** One method: arity bounds exclude the receiver; {@code max == Args.MANY} means variadic. */
    record Spec(String name, int min, int max, NativeFn body, NativeFn checked) {
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    MethodTable add(String name, int min, int max, NativeFn body) {
        NativeFn checked = (cx, args) -> {
            Args.arity(name, args.length - 1, min, max);
            return body.call(cx, args);
        };
        specs.put(name, new Spec(name, min, max, body, checked));
        return this;
    }

    /** The arity-checked method, or null. */
    NativeFn find(String name) {
        Spec s = specs.get(name);
        return s == null ? null : s.checked;
    }

    Spec spec(String name) {
        return specs.get(name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(specs.keySet());
    }

    /**
     * The function form of method {@code name}: all arguments count toward arity, and the first
     * must satisfy {@code receiverType} (described as {@code what} in the type error).
     */
    BuiltinFn function(String name, Class<? extends Value> receiverType, String what) {
        Spec s = specs.get(name);
        int min = s.min + 1;
        int max = s.max == Args.MANY ? Args.MANY : s.max + 1;
        NativeFn body = s.body;
        return new BuiltinFn(name, (cx, args) -> {
            Args.arity(name, args.length, min, max);
            if (!receiverType.isInstance(args[0])) throw Args.expected(name, what, args[0]);
            return body.call(cx, args);
        });
    }
}
