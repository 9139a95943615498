package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered dict with string keys. Views share a store: adding a
 * new key to the newest view of a store appends in place (amortised O(1) for
 * {@code d = d.insert(k, v)} while building); overwriting or removing copies.
 */
public final class DictValue extends Value {
    private record Entry(Value value, int index) {
    }

    private static final class Store {
        final LinkedHashMap<String, Entry> map;
        int used;

        Store(LinkedHashMap<String, Entry> map) {
            this.map = map;
            this.used = map.size();
        }
    }

    public static final DictValue EMPTY = new DictValue(new Store(new LinkedHashMap<>()), 0);

    private final Store store;
    private final int size;

    private DictValue(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    public static DictValue of(Map<String, ? extends Value> entries) {
        if (entries.isEmpty()) return EMPTY;
        LinkedHashMap<String, Entry> map = new LinkedHashMap<>(Math.max(16, entries.size() * 2));
        for (Map.Entry<String, ? extends Value> e : entries.entrySet()) {
            Entry old = map.get(e.getKey());
            map.put(e.getKey(), new Entry(e.getValue(), old == null ? map.size() : old.index));
        }
        return new DictValue(new Store(map), map.size());
    }

    /** A builder for dicts assembled by the VM and the standard library. */
    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return size;
    }

    /** The value under {@code key}, or null. */
    public Value get(String key) {
        Entry e = store.map.get(key);
        return e != null && e.index < size ? e.value : null;
    }

    public boolean containsKey(String key) {
        return get(key) != null;
    }

    public DictValue insert(String key, Value value) {
        Store s = store;
        Entry e = s.map.get(key);
        boolean present = e != null && e.index < size;
        if (!present && s.used == size && s != EMPTY.store) {
            s.map.put(key, new Entry(value, size));
            s.used = size + 1;
            return new DictValue(s, size + 1);
        }
        Builder b = copy();
        b.put(key, value);
        return b.build();
    }

    public DictValue remove(String key) {
        if (!containsKey(key)) return this;
        Builder b = new Builder();
        for (Map.Entry<String, Value> e : entries()) {
            if (!e.getKey().equals(key)) b.put(e.getKey(), e.getValue());
        }
        return b.build();
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
            private final Iterator<Map.Entry<String, Entry>> it = store.map.entrySet().iterator();
            private int seen;

            @Override
            public boolean hasNext() {
                return seen < size;
            }

            @Override
            public Map.Entry<String, Value> next() {
                if (seen >= size) throw new NoSuchElementException();
                Map.Entry<String, Entry> e = it.next();
                seen++;
                return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().value);
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
                        return size;
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
        private final LinkedHashMap<String, Entry> map = new LinkedHashMap<>();

        public Builder put(String key, Value value) {
            Entry old = map.get(key);
            map.put(key, new Entry(value, old == null ? map.size() : old.index));
            return this;
        }

        public int size() {
            return map.size();
        }

        public DictValue build() {
            return map.isEmpty() ? EMPTY : new DictValue(new Store(map), map.size());
        }
    }
}
