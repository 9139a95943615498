package dev.ion.engine.value;

import java.util.Arrays;

/**
 * An immutable hash array mapped trie from strings to objects: O(log₃₂ n) lookup,
 * insert and remove with structural sharing. The key-value store behind dicts.
 */
final class Hamt {
    static final Hamt EMPTY = new Hamt(new BitmapNode(0, new Object[0]), 0);

    final int size;
    private final Node root;

    private Hamt(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    Object get(String key) {
        return root.find(0, hash(key), key);
    }

    Hamt put(String key, Object value) {
        boolean[] added = {false};
        Node n = root.assoc(0, hash(key), key, value, added);
        return n == root ? this : new Hamt(n, added[0] ? size + 1 : size);
    }

    Hamt remove(String key) {
        Node n = root.without(0, hash(key), key);
        if (n == root) return this;
        return new Hamt(n == null ? EMPTY.root : n, size - 1);
    }

    private static int hash(String key) {
        return StrValue.seededHash(key);
    }

    private interface Node {
        Object find(int shift, int hash, String key);

        Node assoc(int shift, int hash, String key, Object value, boolean[] added);

        /** The node without {@code key}; null when it becomes empty. */
        Node without(int shift, int hash, String key);
    }

    /** Up to 32 slots: each a (key, value) pair or a (null, child node) pair. */
    private static final class BitmapNode implements Node {
        final int bitmap;
        final Object[] array;

        BitmapNode(int bitmap, Object[] array) {
            this.bitmap = bitmap;
            this.array = array;
        }

        private int index(int bit) {
            return Integer.bitCount(bitmap & (bit - 1));
        }

        @Override
        public Object find(int shift, int hash, String key) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((bitmap & bit) == 0) return null;
            int i = 2 * index(bit);
            Object k = array[i];
            if (k == null) return ((Node) array[i + 1]).find(shift + 5, hash, key);
            return key.equals(k) ? array[i + 1] : null;
        }

        @Override
        public Node assoc(int shift, int hash, String key, Object value, boolean[] added) {
            int bit = 1 << ((hash >>> shift) & 31);
            int idx = index(bit);
            int i = 2 * idx;
            if ((bitmap & bit) != 0) {
                Object k = array[i];
                if (k == null) {
                    Node child = (Node) array[i + 1];
                    Node n = child.assoc(shift + 5, hash, key, value, added);
                    return n == child ? this : with(i + 1, n);
                }
                if (key.equals(k)) return array[i + 1] == value ? this : with(i + 1, value);
                added[0] = true;
                Node sub = pair(shift + 5, (String) k, array[i + 1], hash, key, value);
                Object[] copy = array.clone();
                copy[i] = null;
                copy[i + 1] = sub;
                return new BitmapNode(bitmap, copy);
            }
            added[0] = true;
            Object[] copy = new Object[array.length + 2];
            System.arraycopy(array, 0, copy, 0, i);
            copy[i] = key;
            copy[i + 1] = value;
            System.arraycopy(array, i, copy, i + 2, array.length - i);
            return new BitmapNode(bitmap | bit, copy);
        }

        private BitmapNode with(int i, Object v) {
            Object[] copy = array.clone();
            copy[i] = v;
            return new BitmapNode(bitmap, copy);
        }

        private static Node pair(int shift, String k1, Object v1, int h2, String k2, Object v2) {
            int h1 = hash(k1);
            if (h1 == h2 || shift > 30) return new CollisionNode(new Object[] {k1, v1, k2, v2});
            boolean[] ignored = {false};
            Node n = new BitmapNode(0, new Object[0]).assoc(shift, h1, k1, v1, ignored);
            return n.assoc(shift, h2, k2, v2, ignored);
        }

        @Override
        public Node without(int shift, int hash, String key) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((bitmap & bit) == 0) return this;
            int i = 2 * index(bit);
            Object k = array[i];
            if (k == null) {
                Node child = (Node) array[i + 1];
                Node n = child.without(shift + 5, hash, key);
                if (n == child) return this;
                if (n != null) return with(i + 1, n);
            } else if (!key.equals(k)) {
                return this;
            }
            if (bitmap == bit) return null;
            Object[] copy = new Object[array.length - 2];
            System.arraycopy(array, 0, copy, 0, i);
            System.arraycopy(array, i + 2, copy, i, array.length - i - 2);
            return new BitmapNode(bitmap ^ bit, copy);
        }
    }

    /** Keys whose hashes collide completely: a flat list of pairs. */
    private static final class CollisionNode implements Node {
        final Object[] array;

        CollisionNode(Object[] array) {
            this.array = array;
        }

        private int indexOf(String key) {
            for (int i = 0; i < array.length; i += 2) if (key.equals(array[i])) return i;
            return -1;
        }

        @Override
        public Object find(int shift, int hash, String key) {
            int i = indexOf(key);
            return i < 0 ? null : array[i + 1];
        }

        @Override
        public Node assoc(int shift, int hash, String key, Object value, boolean[] added) {
            int i = indexOf(key);
            if (i >= 0) {
                Object[] copy = array.clone();
                copy[i + 1] = value;
                return new CollisionNode(copy);
            }
            added[0] = true;
            Object[] copy = Arrays.copyOf(array, array.length + 2);
            copy[array.length] = key;
            copy[array.length + 1] = value;
            return new CollisionNode(copy);
        }

        @Override
        public Node without(int shift, int hash, String key) {
            int i = indexOf(key);
            if (i < 0) return this;
            if (array.length == 2) return null;
            Object[] copy = new Object[array.length - 2];
            System.arraycopy(array, 0, copy, 0, i);
            System.arraycopy(array, i + 2, copy, i, array.length - i - 2);
            return new CollisionNode(copy);
        }
    }
}
