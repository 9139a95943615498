package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list. Views share a growable store (Go-slice style): pushing onto the
 * newest view of a store appends in place, so {@code xs = xs.push(v)} is amortised O(1);
 * older views keep seeing only their own prefix.
 *
 * <p>A list built by pushing ints onto the empty list keeps them unboxed, in chunks of
 * {@value #CHUNK} longs, until something else is added: five million ints are then 40 MB
 * the collector never has to trace, and growing never copies them (a copying store would
 * write three times as much fresh memory on the way to that size). The first element of
 * another type boxes the store's ints once, for every view of it; each view still sees
 * the same elements. Reading an element boxes it again ({@link IntValue#of}).
 */
public final class ListValue extends Value {
    private static final int CHUNK_SHIFT = 12;
    /** Ints per chunk of an unboxed store; the first chunk starts at 8 and doubles up to this. */
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;

    /**
     * The shared elements: exactly one of {@code items} and {@code chunks} is non-null. Only the
     * newest view appends, and appending never changes an element a view already sees.
     */
    private static final class Store {
        Value[] items;
        long[][] chunks;
        /** The chunk that int pushes fill, and the position of its first element. */
        long[] tail;
        int tailStart;
        int used;

        Store(Value[] items, int used) {
            this.items = items;
            this.used = used;
        }

        /** An unboxed store holding nothing yet. */
        Store() {
            tail = new long[8];
            chunks = new long[][] {tail};
        }

        void appendInt(long v) {
            if (used - tailStart == tail.length) growTail();
            tail[used - tailStart] = v;
            used++;
        }

        /** Appends {@code n} ints of another unboxed store, starting at its position {@code from}. */
        void appendInts(long[][] source, int from, int n) {
            while (n > 0) {
                if (used - tailStart == tail.length) growTail();
                long[] chunk = source[from >>> CHUNK_SHIFT];
                int at = from & CHUNK_MASK;
                int k = Math.min(n, Math.min(chunk.length - at, tail.length - (used - tailStart)));
                System.arraycopy(chunk, at, tail, used - tailStart, k);
                used += k;
                from += k;
                n -= k;
            }
        }

        /** Makes room in a full tail: the first chunk doubles, later ones are added whole. */
        private void growTail() {
            if (tail.length < CHUNK) {
                tail = chunks[0] = Arrays.copyOf(tail, tail.length * 2);
                return;
            }
            int k = used >>> CHUNK_SHIFT;
            if (k == chunks.length) chunks = Arrays.copyOf(chunks, k * 2);
            tail = chunks[k] = new long[CHUNK];
            tailStart = used;
        }

        /** Switches this store to boxed elements, keeping room for {@code capacity}. */
        void box(int capacity) {
            Value[] boxed = new Value[Math.max(capacity, Math.max(8, 2 * used))];
            for (int i = 0; i < used; i++) boxed[i] = IntValue.of(intAt(chunks, i));
            items = boxed;
            chunks = null;
            tail = null;
        }
    }

    private static final Value[] NO_ITEMS = new Value[0];
    public static final ListValue EMPTY = new ListValue(new Store(NO_ITEMS, 0), 0);

    private final Store store;
    private final int size;

    private ListValue(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    /** Wraps the array without copying: the caller hands over ownership. */
    public static ListValue of(Value... items) {
        return items.length == 0 ? EMPTY : new ListValue(new Store(items, items.length), items.length);
    }

    /** Wraps the first {@code size} elements of the array without copying. */
    public static ListValue wrap(Value[] items, int size) {
        return size == 0 ? EMPTY : new ListValue(new Store(items, size), size);
    }

    public int size() {
        return size;
    }

    public Value get(int i) {
        Store s = store;
        long[][] chunks = s.chunks;
        return chunks != null ? IntValue.of(intAt(chunks, i)) : s.items[i];
    }

    /**
     * The elements as unboxed ints when this list keeps them so, else null: read them with
     * {@link #intAt}. The chunks go on holding this view's elements whatever is later pushed.
     */
    public long[][] intChunks() {
        return store.chunks;
    }

    /** Element {@code i} of an unboxed list's {@link #intChunks()}. */
    public static long intAt(long[][] chunks, int i) {
        return chunks[i >>> CHUNK_SHIFT][i & CHUNK_MASK];
    }

    /** The backing array when this list keeps boxed elements (only the first {@link #size()} belong to it), else null. */
    public Value[] boxed() {
        return store.items;
    }

    /** A fresh copy of the elements. */
    public Value[] toArray() {
        return toArray(0, size);
    }

    /** A fresh copy of elements {@code [from, to)}. */
    public Value[] toArray(int from, int to) {
        Value[] out = new Value[to - from];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Copies {@code n} elements from position {@code from} into {@code dest} at {@code at}. */
    public void copyTo(int from, Value[] dest, int at, int n) {
        Store s = store;
        long[][] chunks = s.chunks;
        if (chunks == null) {
            System.arraycopy(s.items, from, dest, at, n);
        } else {
            for (int i = 0; i < n; i++) dest[at + i] = IntValue.of(intAt(chunks, from + i));
        }
    }

    /** Whether {@link #push} copies this list (and charges the copy through {@link Meter}): it is not the newest view of its store. */
    public boolean pushCopies() {
        return size > 0 && store.used != size;
    }

    public ListValue push(Value v) {
        // the common case, small enough for the JIT to inline: the newest view of a store with room left
        Store s = store;
        if (s.used == size) {
            long[] tail = s.tail;
            if (tail != null) {
                int at = size - s.tailStart;
                if (at < tail.length && v instanceof IntValue iv) {
                    tail[at] = iv.value;
                    s.used = size + 1;
                    return new ListValue(s, size + 1);
                }
            } else if (size < s.items.length) {
                s.items[size] = v;
                s.used = size + 1;
                return new ListValue(s, size + 1);
            }
        }
        return pushGrowing(v);
    }

    /** {@link #push} when the store must grow, switch to boxed elements, or be copied. */
    private ListValue pushGrowing(Value v) {
        Store s = store;
        if (s.used == size && s != EMPTY.store) {
            if (s.chunks != null) {
                if (v instanceof IntValue iv) {
                    s.appendInt(iv.value);
                    return new ListValue(s, size + 1);
                }
                s.box(size + 1);
            }
            if (size == s.items.length) s.items = Arrays.copyOf(s.items, Math.max(8, size * 2));
            s.items[size] = v;
            s.used = size + 1;
            return new ListValue(s, size + 1);
        }
        if (v instanceof IntValue iv && (size == 0 || s.chunks != null)) {
            if (size > 0) Meter.copied(size, 8L * size);
            Store fresh = new Store();
            if (size > 0) fresh.appendInts(s.chunks, 0, size);
            fresh.appendInt(iv.value);
            return new ListValue(fresh, size + 1);
        }
        Meter.copied(size, 8L * size);
        Value[] fresh = new Value[Math.max(8, size * 2)];
        copyTo(0, fresh, 0, size);
        fresh[size] = v;
        return new ListValue(new Store(fresh, size + 1), size + 1);
    }

    public ListValue concat(ListValue o) {
        if (o.size == 0) return this;
        if (size == 0) return o;
        Store s = store;
        int n = size + o.size;
        if (s.used == size && s != EMPTY.store) {
            long[][] more = o.store.chunks;
            if (s.chunks != null && more != null) {
                s.appendInts(more, 0, o.size);
                return new ListValue(s, n);
            }
            if (s.chunks != null) s.box(n);
            if (n > s.items.length) s.items = Arrays.copyOf(s.items, Math.max(n, size * 2));
            o.copyTo(0, s.items, size, o.size);
            s.used = n;
            return new ListValue(s, n);
        }
        Meter.copied(size, 8L * size);
        Value[] fresh = new Value[Math.max(n, 8)];
        copyTo(0, fresh, 0, size);
        o.copyTo(0, fresh, size, o.size);
        return new ListValue(new Store(fresh, n), n);
    }

    /** A copy with element {@code i} replaced. */
    public ListValue with(int i, Value v) {
        Value[] copy = toArray();
        copy[i] = v;
        return of(copy);
    }

    public ListValue slice(int from, int to) {
        if (from >= to) return EMPTY;
        return of(toArray(from, to));
    }

    public List<Value> asJavaList() {
        return new AbstractList<>() {
            @Override
            public Value get(int index) {
                if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
                return ListValue.this.get(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public String typeName() {
        return "list";
    }
}
