package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered dict with string keys, in one of two forms.
 *
 * <p>Append form: views share an insertion-ordered {@link Table} (Go-slice style, like
 * {@link ListValue}); inserting a new key into the newest view of a table appends in place,
 * so {@code d = d.insert(k, v)} with fresh keys is amortised O(1), and older views keep
 * seeing only their own prefix.
 *
 * <p>Persistent form: a hash array mapped trie for the entries and a persistent vector for
 * their order, so insert, overwrite and remove are O(log₃₂ n) with structural sharing
 * whatever versions a script keeps. A view in append form that must change in any other
 * way (overwrite, remove, insert into an older view) first converts itself to this form,
 * once: the conversion is remembered. Overwriting a key keeps its position.
 */
public final class DictValue extends Value {
    /** A value and the position of its key in the insertion order. */
    private record Slot(Value value, int position) {
    }

    /**
     * Entries in insertion order with an open-addressing index; only ever appended to.
     *
     * <p>Once the index outgrows the processor's caches, each new key would cost a cache miss
     * to find its free slot, one after another. Large tables therefore index new keys in
     * batches: {@link #flush} first touches every pending key's home slot, so the misses
     * overlap, then places them. A small filter over all keys' hashes (a blocked Bloom filter,
     * one byte per key) answers most lookups of absent keys (every insert of a new key) without
     * touching the index; other lookups probe the index, then the pending keys. Lookups never
     * change the table, so any number of threads may read a dict that no one inserts into.
     */
    private static final class Table {
        private static final int LARGE_INDEX = 1 << 15;
        private static final int BATCH = 64;

        String[] keys;
        Value[] values;
        /** Per slot: the key's hash in the high half, its position + 1 in the low half; 0 when free. */
        long[] index;
        int used;
        /** Positions below this are in the index; the others are waiting in {@link #pending}. */
        int indexed;
        /** Large tables only: the hashes of the keys waiting to be indexed. */
        int[] pending;
        /** Large tables only: two bits per key hash in one word; a clear bit proves a key absent. */
        long[] filter;
        int filterShift;
        /** Keeps the touching reads in {@link #flush} from being optimised away. */
        long touched;

        Table(int capacity) {
            keys = new String[capacity];
            values = new Value[capacity];
            index = new long[Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) * 2];
        }

        /** The position of {@code key} (whose hash is {@code h}), or -1. */
        int find(String key, int h) {
            if (filter != null && !mayContain(h)) return -1;
            int mask = index.length - 1;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                long e = index[i];
                if (e == 0) break;
                if ((int) (e >>> 32) == h && keys[(int) e - 1].equals(key)) return (int) e - 1;
            }
            for (int p = indexed; p < used; p++) {
                if (pending[p - indexed] == h && keys[p].equals(key)) return p;
            }
            return -1;
        }

        /** Appends a key that {@link #find} has just reported absent. */
        void append(String key, int h, Value value) {
            if (used == keys.length) {
                keys = Arrays.copyOf(keys, used * 2);
                values = Arrays.copyOf(values, used * 2);
            }
            keys[used] = key;
            values[used] = value;
            if (pending != null) {
                pending[used - indexed] = h;
                addToFilter(h);
                used++;
                if (used - indexed == BATCH) flush();
                return;
            }
            used++;
            indexed = used;
            if (2 * used > index.length) grow();
            place(index, ((long) h << 32) | used);
            if (index.length >= LARGE_INDEX) startBatching();
        }

        private void startBatching() {
            pending = new int[BATCH];
            rebuildFilter();
        }

        /** Indexes the pending keys. */
        private void flush() {
            int n = used - indexed;
            boolean grown = 2 * used > index.length;
            if (grown) grow();
            long[] ix = index;
            int mask = ix.length - 1;
            long sum = 0;
            for (int k = 0; k < n; k++) sum += ix[pending[k] & mask];
            touched = sum;
            for (int k = 0; k < n; k++) place(ix, ((long) pending[k] << 32) | (indexed + k + 1));
            indexed = used;
            if (grown) rebuildFilter();
        }

        /**
         * Doubles the index. Walking the old slots in order writes the new index in two
         * nearly sequential streams, which matters once the index no longer fits in cache.
         */
        private void grow() {
            long[] old = index;
            index = new long[old.length * 2];
            int start = 0;
            while (old[start] != 0) start++; // begin after a free slot, so no cluster wraps around
            for (int k = 1; k <= old.length; k++) {
                long e = old[(start + k) & (old.length - 1)];
                if (e != 0) place(index, e);
            }
        }

        private static void place(long[] index, long entry) {
            int mask = index.length - 1;
            int i = (int) (entry >>> 32) & mask;
            while (index[i] != 0) i = (i + 1) & mask;
            index[i] = entry;
        }

        /** Sizes the filter to the index (a byte per key at the index's largest load) and fills it. */
        private void rebuildFilter() {
            int words = index.length / 16;
            filter = new long[words];
            filterShift = 64 - Integer.numberOfTrailingZeros(words);
            for (long e : index) {
                if (e != 0) addToFilter((int) (e >>> 32));
            }
        }

        private void addToFilter(int h) {
            long g = h * 0x9E3779B97F4A7C15L;
            filter[(int) (g >>> filterShift)] |= (1L << g) | (1L << (g >>> 6));
        }

        private boolean mayContain(int h) {
            long g = h * 0x9E3779B97F4A7C15L;
            long bits = (1L << g) | (1L << (g >>> 6));
            return (filter[(int) (g >>> filterShift)] & bits) == bits;
        }
    }

    public static final DictValue EMPTY = new DictValue(new Table(0), 0);

    // Append form: table and size (the prefix of the table this view sees).
    private final Table table;
    private final int size;
    // Persistent form: map and order.
    private final Hamt map;
    /** Keys by first-insertion position; null where a key was removed. */
    private final PersistentVector order;
    /** This append-form view converted to the persistent form, once needed. */
    private DictValue persistent;

    private DictValue(Table table, int size) {
        this.table = table;
        this.size = size;
        this.map = null;
        this.order = null;
    }

    private DictValue(Hamt map, PersistentVector order) {
        this.table = null;
        this.size = map.size;
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
        return size;
    }

    /** The value under {@code key}, or null. */
    public Value get(String key) {
        if (table != null) {
            int p = table.find(key, StrValue.seededHash(key));
            return p >= 0 && p < size ? table.values[p] : null;
        }
        Object slot = map.get(key);
        return slot == null ? null : ((Slot) slot).value;
    }

    public boolean containsKey(String key) {
        return get(key) != null;
    }

    public DictValue insert(String key, Value value) {
        DictValue d = insertWithoutConversion(key, value);
        return d != null ? d : persistent().insert(key, value);
    }

    /**
     * {@link #insert}, or null when this append-form view would first have to become persistent: the one
     * step of an insert that copies the dict, and charges the copy to the running task through {@link Meter}.
     */
    public DictValue insertWithoutConversion(String key, Value value) {
        if (table != null) {
            int h = StrValue.seededHash(key);
            int p = table.find(key, h);
            if (p >= 0 && p < size && table.values[p] == value) return this;
            if (p < 0 && table.used == size && this != EMPTY) {
                table.append(key, h, value);
                return new DictValue(table, size + 1);
            }
            if (size == 0) {
                Table fresh = new Table(8);
                fresh.append(key, h, value);
                return new DictValue(fresh, 1);
            }
            return null;
        }
        Slot old = (Slot) map.get(key);
        if (old != null) {
            return old.value == value ? this : new DictValue(map.put(key, new Slot(value, old.position)), order);
        }
        return new DictValue(map.put(key, new Slot(value, order.count)), order.append(key));
    }

    public DictValue remove(String key) {
        if (get(key) == null) return this;
        if (table != null) return persistent().remove(key);
        Slot old = (Slot) map.get(key);
        DictValue d = new DictValue(map.remove(key), order.set(old.position, null));
        return d.order.count > 32 && d.map.size < d.order.count / 2 ? d.copy().build() : d;
    }

    /** This dict in the persistent form. */
    private DictValue persistent() {
        if (table == null) return this;
        DictValue p = persistent;
        if (p == null) {
            Meter.copied(size, 40L * size);
            Hamt m = Hamt.EMPTY;
            PersistentVector o = PersistentVector.EMPTY;
            for (int i = 0; i < size; i++) {
                m = m.put(table.keys[i], new Slot(table.values[i], i));
                o = o.append(table.keys[i]);
            }
            p = new DictValue(m, o);
            persistent = p;
        }
        return p;
    }

    /** A builder pre-filled with this dict's entries. */
    public Builder copy() {
        Builder b = new Builder();
        for (Map.Entry<String, Value> e : entries()) b.put(e.getKey(), e.getValue());
        return b;
    }

    /** The entries in insertion order. */
    public Iterable<Map.Entry<String, Value>> entries() {
        if (table != null) {
            return () -> new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, Value> next() {
                    if (next >= size) throw new NoSuchElementException();
                    int p = next++;
                    return new AbstractMap.SimpleImmutableEntry<>(table.keys[p], table.values[p]);
                }
            };
        }
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
