package dev.ion.server.cluster;

import dev.ion.server.runs.EventSink;
import dev.ion.server.runs.RunSession;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;

/**
 * The owner's side of one reader on another node: a run's {@link EventSink} whose "write
 * queue" is a bounded buffer that the reader's node empties by pulling ("events after seq S,
 * at most N, wait up to T ms"). Events stay buffered until a later pull acknowledges them by
 * asking for what follows; while the buffer is over its bound the run parks exactly as for a
 * slow local reader. Everything here runs on the run's context.
 */
final class RelaySink extends EventSink {
    private final Vertx vertx;
    private final Context context;
    private final long maxBytes;
    private boolean wakeScheduled;
    private final ArrayDeque<RunSession.Event> buffer = new ArrayDeque<>();
    private long bytes;
    private boolean ended;
    private boolean closed;
    private long gapFrom;
    private long gapTo;
    private Waiter waiter;
    long lastPullNanos = System.nanoTime();

    private record Waiter(int max, Promise<JsonObject> reply, long timer) {
    }

    RelaySink(Context context, long maxBytes) {
        this.vertx = context.owner();
        this.context = context;
        this.maxBytes = maxBytes;
    }

    @Override
    public String transport() {
        return "cluster";
    }

    @Override
    public void deliver(RunSession.Event event) {
        buffer.addLast(event);
        bytes += event.json().length();
        wake();
    }

    @Override
    public boolean full() {
        return !closed && bytes >= maxBytes;
    }

    @Override
    public boolean gone() {
        return closed;
    }

    @Override
    public void finished() {
        ended = true;
        wake();
    }

    void gap(long from, long to) {
        gapFrom = from;
        gapTo = to;
    }

    /** The reader's node went away or stopped reading: the run is not held back by it any more. */
    void close() {
        closed = true;
        buffer.clear();
        bytes = 0;
        Waiter w = waiter;
        waiter = null;
        if (w != null) {
            vertx.cancelTimer(w.timer());
            w.reply().tryComplete(batch(0));
        }
        drained();
    }

    /** Acknowledges everything up to {@code after}, then answers with what follows, waiting up to {@code waitMs} for it. */
    void pull(long after, int max, long waitMs, Promise<JsonObject> reply) {
        lastPullNanos = System.nanoTime();

        boolean wasFull = full();
        while (!buffer.isEmpty() && buffer.peekFirst().seq() <= after) bytes -= buffer.removeFirst().json().length();
        if (wasFull && !full()) drained();
        Waiter old = waiter;
        waiter = null;
        if (old != null) {
            vertx.cancelTimer(old.timer());
            old.reply().tryComplete(batch(0));
        }
        if (!buffer.isEmpty() || ended || closed || gapTo > 0) {
            reply.tryComplete(batch(max));
            return;
        }
        long timer = vertx.setTimer(Math.max(1, waitMs), t -> {
            Waiter w = waiter;
            if (w != null && w.reply() == reply) {
                waiter = null;
                reply.tryComplete(batch(0));
            }
        });
        waiter = new Waiter(max, reply, timer);
    }

    /**
     * Answers a waiting pull, not at once but after the run's current turn, so that one answer
     * carries every event the turn produced instead of one event per round trip.
     */
    private void wake() {
        if (waiter == null || wakeScheduled) return;
        wakeScheduled = true;
        context.runOnContext(v -> {
            wakeScheduled = false;
            Waiter w = waiter;
            if (w == null) return;
            waiter = null;
            vertx.cancelTimer(w.timer());
            w.reply().tryComplete(batch(w.max()));
        });
    }

    /** Up to {@code max} buffered events (left in the buffer until acknowledged), the gap, and whether the run ended. */
    private JsonObject batch(int max) {
        JsonArray events = new JsonArray();
        for (RunSession.Event e : buffer) {
            if (events.size() >= max) break;
            events.add(new JsonArray().add(e.seq()).add(e.type()).add(e.json()));
        }
        JsonObject out = new JsonObject().put("events", events).put("finished", ended && events.size() == buffer.size());
        if (gapTo > 0) {
            out.put("gapFrom", gapFrom).put("gapTo", gapTo);
            gapFrom = 0;
            gapTo = 0;
        }
        return out;
    }
}

