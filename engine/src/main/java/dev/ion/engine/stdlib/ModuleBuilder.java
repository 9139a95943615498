package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.NativeFn;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the members of one module, wrapping each function with its arity check. */
final class ModuleBuilder {
    private final String name;
    private final Map<String, Value> members = new LinkedHashMap<>();

    ModuleBuilder(String name) {
        this.name = name;
    }

    ModuleBuilder fn(String member, int min, int max, NativeFn body) {
        members.put(member, Builtins.fn(member, min, max, body));
        return this;
    }

    ModuleBuilder value(String member, Value v) {
        members.put(member, v);
        return this;
    }

    ModuleValue build() {
        return new ModuleValue(name, members);
    }
}
