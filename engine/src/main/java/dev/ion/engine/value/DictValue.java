package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered dict with string keys: a hash array mapped trie
 * for the entries and a persistent vector for their order, so {@code insert},
 * overwrite and {@code remove} are O(log₃₂ n) with structural sharing whatever
 * versions a script keeps. Overwriting a key keeps its position.
 */
public final class DictValue extends Value {
    /** A value and the position of its key in the insertion order. */
    private record Slot(Value value, int position) {
    }

    public static final DictValue EMPTY = new DictValue(Hamt.EMPTY, PersistentVector.EMPTY);

    private final Hamt map;
    /** Keys by first-insertion position; null where a key was removed. */
    private final PersistentVector order;

    private DictValue(Hamt map, PersistentVector order) {
        this.map = map;
        this.order = order;
    }

    public static DictValue of(Map<String, ? extends Value> entries) {
        DictValue d = EMPTY;
        for (Map.Entry<String, ? extends Value> e : entries.entrySet()) d = d.insert(e.getKey(), e.getValue());
        return d;
    }

    /** A builder for dicts assembled by the VM and the standard library. */
    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return map.size;
    }

    /** The value under {@code key}, or null. */
    public Value get(String key) {
        Object slot = map.get(key);
        return slot == null ? null : ((Slot) slot).value;
    }

    public boolean containsKey(String key) {
        return map.get(key) != null;
    }

    public DictValue insert(String key, Value value) {
        Slot old = (Slot) map.get(key);
        if (old != null) {
            return old.value == value ? this : new DictValue(map.put(key, new Slot(value, old.position)), order);
        }
        return new DictValue(map.put(key, new Slot(value, order.count)), order.append(key));
    }

    public DictValue remove(String key) {
        Slot old = (Slot) map.get(key);
        if (old == null) return this;
        DictValue d = new DictValue(map.remove(key), order.set(old.position, null));
        return d.order.count > 32 && d.map.size < d.order.count / 2 ? d.copy().build() : d;
    }

    /** A builder pre-filled with this dict's entries. */
    public Builder copy() {
        Builder b = new Builder();
        for (Map.Entry<String, Value> e : entries()) b.put(e.getKey(), e.getValue());
        return b;
    }

    /** The entries in insertion order. */
    public Iterable<Map.Entry<String, Value>> entries() {
        return () -> new Iterator<>() {
            private int next = advance(0);

            private int advance(int i) {
                while (i < order.count && order.get(i) == null) i++;
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < order.count;
            }

            @Override
            public Map.Entry<String, Value> next() {
                if (next >= order.count) throw new NoSuchElementException();
                String key = (String) order.get(next);
                next = advance(next + 1);
                return new AbstractMap.SimpleImmutableEntry<>(key, ((Slot) map.get(key)).value);
            }
        };
    }

    /** A read-only Java view in insertion order. */
    public Map<String, Value> asJavaMap() {
        return new AbstractMap<>() {
            @Override
            public Set<Map.Entry<String, Value>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Map.Entry<String, Value>> iterator() {
                        return entries().iterator();
                    }

                    @Override
                    public int size() {
                        return map.size;
                    }
                };
            }

            @Override
            public Value get(Object key) {
                return key instanceof String k ? DictValue.this.get(k) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }
        };
    }

    @Override
    public String typeName() {
        return "dict";
    }

    /** Collects entries; a repeated key keeps its first position and takes the last value. */
    public static final class Builder {
        private DictValue dict = EMPTY;

        public Builder put(String key, Value value) {
            dict = dict.insert(key, value);
            return this;
        }

        public int size() {
            return dict.size();
        }

        public DictValue build() {
            return dict;
        }
    }
}
