package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a host-registered struct type: a name and ordered named fields. */
public final class StructValue extends Value {
    private final String typeName;
    private final LinkedHashMap<String, Value> fields;

    public StructValue(String typeName, Map<String, Value> fields) {
        this.typeName = typeName;
        this.fields = new LinkedHashMap<>(fields);
    }

    public String structName() {
        return typeName;
    }

    public Value field(String name) {
        return fields.get(name);
    }

    public Map<String, Value> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public StructValue with(String name, Value v) {
        StructValue copy = new StructValue(typeName, fields);
        copy.fields.put(name, v);
        return copy;
    }

    @Override
    public String typeName() {
        return "struct";
    }
}
