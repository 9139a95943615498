package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.vm.Task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A broadcast channel ({@code task::broadcast}): one ring buffer of the last {@code capacity} messages, numbered
 * from 0, and a read position per receiver. Sending never parks: it overwrites the oldest message, and a
 * receiver that had not read it learns how many it missed ({@code Err("lagged: N")}) on its next receive.
 * The ring grows by doubling up to its capacity, so a large capacity costs nothing until it is used.
 */
final class Broadcast {
    final long id;
    private final int capacity;
    private final Scheduler scheduler;
    private Value[] ring = new Value[4];
    /** Messages sent so far: the next message's number. */
    private long sent;
    private boolean closed;
    private final Set<Receiver> subscribers = new LinkedHashSet<>();

    /** One subscriber's read position and, while it waits, its parked task. */
    final class Receiver {
        long next;
        Task waiting;
        boolean closed;

        Receiver(long next) {
            this.next = next;
        }

        Broadcast channel() {
            return Broadcast.this;
        }
    }

    Broadcast(Scheduler scheduler, long id, int capacity) {
        this.scheduler = scheduler;
        this.id = id;
        this.capacity = capacity;
    }

    Receiver subscribe() {
        Receiver r = new Receiver(sent);
        subscribers.add(r);
        return r;
    }

    /** Sends {@code v} to every subscriber; returns how many there are. */
    Value send(Task task, Value v) {
        if (closed) throw IonException.runtime("channel is closed");
        store(task, v);
        for (Receiver r : subscribers) {
            Task t = r.waiting;
            if (t == null) continue;
            r.waiting = null;
            Value out = take(r);
            scheduler.futures.wakeAfter(t, out, event(t, out));
        }
        return IntValue.of(subscribers.size());
    }

    private void store(Task task, Value v) {
        long oldest = Math.max(0, sent - capacity);
        int held = (int) (sent - oldest);
        if (held == ring.length && ring.length < capacity) {
            int size = (int) Math.min(capacity, ring.length * 2L);
            task.allocate(8L * (size - ring.length));
            Value[] grown = new Value[size];
            for (long n = oldest; n < sent; n++) grown[(int) (n % size)] = ring[(int) (n % ring.length)];
            ring = grown;
        }
        ring[(int) (sent % ring.length)] = v;
        sent++;
    }

    /** The next thing {@code r} receives: a message, a lag report, or null when it must wait. */
    private Value take(Receiver r) {
        long oldest = Math.max(0, sent - capacity);
        if (r.next < oldest) {
            long missed = oldest - r.next;
            r.next = oldest;
            return ResultValue.err(StrValue.of("lagged: " + missed));
        }
        if (r.next < sent) {
            Value v = ring[(int) (r.next % ring.length)];
            r.next++;
            return OptionValue.some(v);
        }
        return null;
    }

    /** The host's stage for a message received (as for ordinary channels); lag reports are no message. */
    private CompletionStage<?> event(Task t, Value out) {
        return out instanceof OptionValue o && o.isSome() ? scheduler.onRecv(id, t, o.value()) : null;
    }

    Value recv(Task task, Receiver r) {
        if (r.closed) throw IonException.runtime("receiver is closed");
        Value out = take(r);
        if (out != null) return scheduler.futures.afterEvent(task, out, event(task, out));
        if (closed) return OptionValue.NONE;
        r.waiting = task;
        return scheduler.park(task, "broadcast " + id + " recv (empty)", () -> r.waiting = null);
    }

    Value tryRecv(Task task, Receiver r) {
        if (r.closed) throw IonException.runtime("receiver is closed");
        Value out = take(r);
        if (out == null) return OptionValue.NONE;
        return scheduler.futures.afterEvent(task, out, event(task, out));
    }

    void close() {
        if (closed) return;
        closed = true;
        for (Receiver r : subscribers) {
            if (r.waiting != null) {
                Task t = r.waiting;
                r.waiting = null;
                scheduler.wake(t, OptionValue.NONE);
            }
        }
    }

    /** A receiver leaves: sends no longer count it, and it can no longer receive. */
    void unsubscribe(Receiver r) {
        r.closed = true;
        subscribers.remove(r);
        if (r.waiting != null) {
            Task t = r.waiting;
            r.waiting = null;
            scheduler.wake(t, OptionValue.NONE);
        }
    }

    /** The messages still in the ring (what the memory check must count). */
    void forEachHeld(Consumer<Value> action) {
        long oldest = Math.max(0, sent - capacity);
        List<Value> copy = new ArrayList<>();
        for (long n = oldest; n < sent; n++) copy.add(ring[(int) (n % ring.length)]);
        copy.forEach(action);
    }

    int capacity() {
        return capacity;
    }
}
