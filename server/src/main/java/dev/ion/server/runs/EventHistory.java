package dev.ion.server.runs;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The events of one run kept for replay, oldest first, bounded by a number of events and a
 * total of characters (the newest is always kept). The length of each event's text is kept
 * beside it, so that dropping the oldest never reads the event itself: on a long stream it
 * has long left the CPU caches, and reading it cost cache misses on every new event.
 * Used on the run's context only.
 */
final class EventHistory implements Iterable<RunSession.Event> {
    /** A power of two; four to start with, as most runs publish just two events (started, result). */
    private RunSession.Event[] events = new RunSession.Event[4];
    private int[] chars = new int[4];
    private int head;
    private int size;
    private long totalChars;

    /** Appends {@code event}, then drops the oldest events while more than either bound is kept. */
    void add(RunSession.Event event, int maxEvents, long maxChars) {
        if (size == events.length) grow();
        int at = (head + size) & (events.length - 1);
        int length = event.json().length();
        events[at] = event;
        chars[at] = length;
        size++;
        totalChars += length;
        while (size > 1 && (size > maxEvents || totalChars > maxChars)) {
            totalChars -= chars[head];
            events[head] = null;
            head = (head + 1) & (events.length - 1);
            size--;
        }
    }

    /** The oldest event kept, or null. */
    RunSession.Event first() {
        return size == 0 ? null : events[head];
    }

    int size() {
        return size;
    }

    private void grow() {
        RunSession.Event[] e = new RunSession.Event[events.length * 2];
        int[] c = new int[e.length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (events.length - 1);
            e[i] = events[from];
            c[i] = chars[from];
        }
        events = e;
        chars = c;
        head = 0;
    }

    /** Oldest first; the history must not change while the iterator is in use. */
    @Override
    public Iterator<RunSession.Event> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public RunSession.Event next() {
                if (i >= size) throw new NoSuchElementException();
                return events[(head + i++) & (events.length - 1)];
            }
        };
    }
}
