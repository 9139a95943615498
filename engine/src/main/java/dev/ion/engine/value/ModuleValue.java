package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A named namespace of values: {@code math}, {@code json}, or one an embedder registers. */
public final class ModuleValue extends Value {
    private final String name;
    private final Map<String, Value> members;

    public ModuleValue(String name, Map<String, ? extends Value> members) {
        this.name = name;
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public String name() {
        return name;
    }

    /** The member, or null. */
    public Value member(String key) {
        return members.get(key);
    }

    public Map<String, Value> members() {
        return members;
    }

    @Override
    public String typeName() {
        return "module";
    }
}
