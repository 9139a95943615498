package dev.ion.engine.compile;

import java.util.Arrays;

/** A growable int array for emitting bytecode. */
final class IntBuffer {
    private int[] data = new int[64];
    private int size;

    void add(int v) {
        if (size == data.length) data = Arrays.copyOf(data, size * 2);
        data[size++] = v;
    }

    int get(int i) {
        return data[i];
    }

    void set(int i, int v) {
        data[i] = v;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
