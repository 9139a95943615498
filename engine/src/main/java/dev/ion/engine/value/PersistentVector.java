package dev.ion.engine.value;

import java.util.Arrays;

/**
 * An immutable vector with O(log₃₂ n) append, get and set (a 32-way trie with a tail,
 * as in Clojure). Dicts use it to remember insertion order.
 */
final class PersistentVector {
    private static final Object[] EMPTY_NODE = new Object[32];
    static final PersistentVector EMPTY = new PersistentVector(0, 5, EMPTY_NODE, new Object[0]);

    final int count;
    private final int shift;
    private final Object[] root;
    private final Object[] tail;

    private PersistentVector(int count, int shift, Object[] root, Object[] tail) {
        this.count = count;
        this.shift = shift;
        this.root = root;
        this.tail = tail;
    }

    private int tailOffset() {
        return count < 32 ? 0 : ((count - 1) >>> 5) << 5;
    }

    private Object[] leafFor(int i) {
        if (i >= tailOffset()) return tail;
        Object[] node = root;
        for (int level = shift; level > 0; level -= 5) node = (Object[]) node[(i >>> level) & 31];
        return node;
    }

    Object get(int i) {
        return leafFor(i)[i & 31];
    }

    PersistentVector append(Object v) {
        if (count - tailOffset() < 32) {
            Object[] newTail = Arrays.copyOf(tail, tail.length + 1);
            newTail[tail.length] = v;
            return new PersistentVector(count + 1, shift, root, newTail);
        }
        Object[] newRoot;
        int newShift = shift;
        if ((count >>> 5) > (1 << shift)) {
            newRoot = new Object[32];
            newRoot[0] = root;
            newRoot[1] = newPath(shift, tail);
            newShift += 5;
        } else {
            newRoot = pushTail(shift, root, tail);
        }
        return new PersistentVector(count + 1, newShift, newRoot, new Object[] {v});
    }

    private Object[] pushTail(int level, Object[] parent, Object[] tailNode) {
        int sub = ((count - 1) >>> level) & 31;
        Object[] node = parent.clone();
        Object[] insert;
        if (level == 5) {
            insert = tailNode;
        } else {
            Object[] child = (Object[]) parent[sub];
            insert = child != null ? pushTail(level - 5, child, tailNode) : newPath(level - 5, tailNode);
        }
        node[sub] = insert;
        return node;
    }

    private static Object[] newPath(int level, Object[] node) {
        if (level == 0) return node;
        Object[] ret = new Object[32];
        ret[0] = newPath(level - 5, node);
        return ret;
    }

    PersistentVector set(int i, Object v) {
        if (i >= tailOffset()) {
            Object[] newTail = tail.clone();
            newTail[i & 31] = v;
            return new PersistentVector(count, shift, root, newTail);
        }
        return new PersistentVector(count, shift, assoc(shift, root, i, v), tail);
    }

    private static Object[] assoc(int level, Object[] node, int i, Object v) {
        Object[] copy = node.clone();
        if (level == 0) {
            copy[i & 31] = v;
        } else {
            int sub = (i >>> level) & 31;
            copy[sub] = assoc(level - 5, (Object[]) node[sub], i, v);
        }
        return copy;
    }
}
