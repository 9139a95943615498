package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list. Views share a growable store (Go-slice style): pushing onto the
 * newest view of a store appends in place, so {@code xs = xs.push(v)} is amortised O(1);
 * older views keep seeing only their own prefix.
 */
public final class ListValue extends Value {
    private static final class Store {
        Value[] items;
        int used;

        Store(Value[] items, int used) {
            this.items = items;
            this.used = used;
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
        return store.items[i];
    }

    /** A fresh copy of the elements. */
    public Value[] toArray() {
        return Arrays.copyOf(store.items, size);
    }

    /** The backing array; only the first {@link #size()} slots belong to this value. */
    public Value[] raw() {
        return store.items;
    }

    public ListValue push(Value v) {
        Store s = store;
        if (s.used == size && s != EMPTY.store) {
            if (size == s.items.length) s.items = Arrays.copyOf(s.items, Math.max(8, size * 2));
            s.items[size] = v;
            s.used = size + 1;
            return new ListValue(s, size + 1);
        }
        Meter.copied(size, 8L * size);
        Value[] fresh = Arrays.copyOf(s.items, Math.max(8, size * 2));
        fresh[size] = v;
        return new ListValue(new Store(fresh, size + 1), size + 1);
    }

    public ListValue concat(ListValue o) {
        if (o.size == 0) return this;
        if (size == 0) return o;
        Store s = store;
        int n = size + o.size;
        if (s.used == size && s != EMPTY.store) {
            if (n > s.items.length) s.items = Arrays.copyOf(s.items, Math.max(n, size * 2));
            System.arraycopy(o.store.items, 0, s.items, size, o.size);
            s.used = n;
            return new ListValue(s, n);
        }
        Meter.copied(size, 8L * size);
        Value[] fresh = Arrays.copyOf(s.items, Math.max(n, 8));
        System.arraycopy(o.store.items, 0, fresh, size, o.size);
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
        return of(Arrays.copyOfRange(store.items, from, to));
    }

    public List<Value> asJavaList() {
        return new AbstractList<>() {
            @Override
            public Value get(int index) {
                if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
                return store.items[index];
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
