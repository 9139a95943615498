package dev.ion.client;

import dev.ion.client.internal.SseReader;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A run's events over Server-Sent Events, read as a blocking, one-pass iterator: events the
 * run produced before come first, then live ones, and the iteration ends after the run's
 * {@link RunEvent.Finished}. A dropped connection is resumed with {@code Last-Event-ID}
 * (nothing lost, nothing repeated); when it cannot be, {@link #iterator()}'s methods throw
 * {@link ConnectionLostException}. Close it to stop reading early (the run goes on).
 */
public final class EventStream implements Iterable<RunEvent>, AutoCloseable {
    private final SseReader reader;
    private boolean iterated;

    EventStream(SseReader reader) {
        this.reader = reader;
    }

    @Override
    public Iterator<RunEvent> iterator() {
        if (iterated) throw new IllegalStateException("an event stream can be iterated once");
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public RunEvent next() {
                if (!reader.hasNext()) throw new NoSuchElementException("the run's events have ended");
                return reader.next();
            }
        };
    }

    /** The {@code seq} of the last event read: pass it to {@link RunHandle#events(long)} to go on from there later. */
    public long lastSeq() {
        return reader.lastSeq();
    }

    /** How many HTTP connections the stream has used (more than one after a resume). */
    public int connections() {
        return reader.connections();
    }

    @Override
    public void close() {
        reader.close();
    }
}
