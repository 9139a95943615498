package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** An immutable, insertion-ordered set of values under structural equality. */
public final class SetValue extends Value {
    public static final SetValue EMPTY = new SetValue(new LinkedHashSet<>());

    private final LinkedHashSet<Value> items;

    private SetValue(LinkedHashSet<Value> items) {
        this.items = items;
    }

    public static SetValue of(Collection<? extends Value> values) {
        return new SetValue(new LinkedHashSet<>(values));
    }

    /** Takes ownership of the given set. */
    public static SetValue wrap(LinkedHashSet<Value> items) {
        return new SetValue(items);
    }

    public int size() {
        return items.size();
    }

    public boolean contains(Value v) {
        return items.contains(v);
    }

    public Set<Value> items() {
        return Collections.unmodifiableSet(items);
    }

    /** A mutable copy of the elements, to build a derived set from. */
    public LinkedHashSet<Value> copyItems() {
        return new LinkedHashSet<>(items);
    }

    @Override
    public String typeName() {
        return "set";
    }
}
