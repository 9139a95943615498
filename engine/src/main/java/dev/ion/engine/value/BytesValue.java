package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.util.Arrays;

/**
 * Immutable bytes. Like {@link ListValue}, views share a growable store so that
 * {@code b = b.push(x)} in a loop is amortised O(1).
 */
public final class BytesValue extends Value {
    private static final class Store {
        byte[] data;
        int used;

        Store(byte[] data, int used) {
            this.data = data;
            this.used = used;
        }
    }

    public static final BytesValue EMPTY = new BytesValue(new Store(new byte[0], 0), 0);

    private final Store store;
    private final int size;

    private BytesValue(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    /** Wraps the array without copying: the caller hands over ownership. */
    public static BytesValue of(byte[] data) {
        return data.length == 0 ? EMPTY : new BytesValue(new Store(data, data.length), data.length);
    }

    /**
     * A literal's bytes: no append ever extends them in place (appends copy), so the value
     * can sit in compiled code that several runs execute at once on different threads.
     */
    public static BytesValue literal(byte[] data) {
        return data.length == 0 ? EMPTY : new BytesValue(new Store(data, -1), data.length);
    }

    public int size() {
        return size;
    }

    public int get(int i) {
        return store.data[i] & 0xff;
    }

    public byte[] toArray() {
        return Arrays.copyOf(store.data, size);
    }

    /** Direct access to the backing array; only the first {@link #size()} bytes belong to this value. */
    public byte[] raw() {
        return store.data;
    }

    public BytesValue append(byte[] extra, int off, int len) {
        if (len == 0) return this;
        Store s = store;
        if (s.used == size && s != EMPTY.store) {
            if (size + len > s.data.length) {
                s.data = Arrays.copyOf(s.data, Math.max(size + len, Math.max(16, s.data.length * 2)));
            }
            System.arraycopy(extra, off, s.data, size, len);
            s.used = size + len;
            return new BytesValue(s, size + len);
        }
        Meter.copied(size / 8, size);
        byte[] fresh = Arrays.copyOf(s.data, Math.max(size + len, Math.max(16, size * 2)));
        System.arraycopy(extra, off, fresh, size, len);
        return new BytesValue(new Store(fresh, size + len), size + len);
    }

    public BytesValue push(int b) {
        return append(new byte[] {(byte) b}, 0, 1);
    }

    public BytesValue concat(BytesValue o) {
        return append(o.store.data, 0, o.size);
    }

    @Override
    public String typeName() {
        return "bytes";
    }

    @Override
    public boolean truthy() {
        return size != 0;
    }
}
