package dev.ion.engine.vm;

/**
 * A set of objects by identity whose growth is spread over the insertions that follow it:
 * when the table grows, the old one is kept and moved into the new one a few slots per
 * {@link #add}, so that no single insertion rehashes millions of entries. It exists for
 * {@link MemoryWalk}, whose every step must stay small.
 */
final class IdentitySet {
    /** Old slots moved per insertion while growing: the move ends long before the new table fills. */
    private static final int MOVE_PER_ADD = 8;

    private Object[] table = new Object[1 << 10];
    private int shift = Integer.SIZE - 10;
    private int size;
    /** The table before the last growth, until all its entries are moved; null otherwise. */
    private Object[] old;
    private int oldShift;
    private int moved;

    /** Adds {@code o}; false if it was there already. */
    boolean add(Object o) {
        if (old != null) {
            move();
            if (old != null && contains(old, oldShift, o)) return false;
        }
        if (!insert(table, shift, o)) return false;
        if (++size > table.length / 2 && old == null) grow();
        return true;
    }

    private void grow() {
        old = table;
        oldShift = shift;
        moved = 0;
        table = new Object[old.length * 2];
        shift--;
    }

    private void move() {
        int end = Math.min(old.length, moved + MOVE_PER_ADD);
        for (; moved < end; moved++) {
            Object o = old[moved];
            if (o != null) insert(table, shift, o);
        }
        if (moved == old.length) old = null;
    }

    private static int index(Object o, int shift) {
        return (System.identityHashCode(o) * 0x9E3779B9) >>> shift;
    }

    private static boolean contains(Object[] t, int shift, Object o) {
        int mask = t.length - 1;
        for (int i = index(o, shift); ; i = (i + 1) & mask) {
            Object x = t[i];
            if (x == null) return false;
            if (x == o) return true;
        }
    }

    /** Inserts into {@code t} with linear probing; false if {@code o} is there. */
    private static boolean insert(Object[] t, int shift, Object o) {
        int mask = t.length - 1;
        for (int i = index(o, shift); ; i = (i + 1) & mask) {
            Object x = t[i];
            if (x == o) return false;
            if (x == null) {
                t[i] = o;
                return true;
            }
        }
    }
}
