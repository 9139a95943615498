package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;

import java.util.ArrayDeque;

/**
 * A bounded FIFO channel (LANGUAGE.md §10). Waiting senders and receivers queue here;
 * a cancelled task removes itself from these queues.
 */
final class Channel {
    private record PendingSend(Task task, Value value) {
    }

    final long id;
    final int capacity;
    final Scheduler scheduler;
    private final ArrayDeque<Value> buffer = new ArrayDeque<>();
    private final ArrayDeque<Task> receivers = new ArrayDeque<>();
    private final ArrayDeque<PendingSend> senders = new ArrayDeque<>();
    private boolean closed;

    Channel(Scheduler scheduler, long id, int capacity) {
        this.scheduler = scheduler;
        this.id = id;
        this.capacity = capacity;
    }

    Value send(Task task, Value v) {
        if (closed) throw IonException.runtime("channel is closed");
        Task receiver = receivers.poll();
        if (receiver != null) {
            deliver(receiver, v);
            return UnitValue.UNIT;
        }
        if (buffer.size() < capacity) {
            buffer.add(v);
            return UnitValue.UNIT;
        }
        PendingSend p = new PendingSend(task, v);
        senders.add(p);
        return scheduler.park(task, "channel " + id + " send (full)", () -> senders.remove(p));
    }

    private void deliver(Task receiver, Value v) {
        scheduler.onRecv(id, receiver, v);
        scheduler.wake(receiver, OptionValue.some(v));
    }

    /** Takes a value if one is ready: from the buffer (refilled from a waiting sender) or a sender. */
    private Value take() {
        Value v = buffer.poll();
        if (v != null) {
            PendingSend p = senders.poll();
            if (p != null) {
                buffer.add(p.value);
                scheduler.wake(p.task, UnitValue.UNIT);
            }
            return v;
        }
        PendingSend p = senders.poll();
        if (p != null) {
            scheduler.wake(p.task, UnitValue.UNIT);
            return p.value;
        }
        return null;
    }

    Value recv(Task task) {
        Value v = take();
        if (v != null) {
            scheduler.onRecv(id, task, v);
            return OptionValue.some(v);
        }
        if (closed) return OptionValue.NONE;
        receivers.add(task);
        return scheduler.park(task, "channel " + id + " recv (empty)", () -> receivers.remove(task));
    }

    Value tryRecv(Task task) {
        Value v = take();
        if (v == null) return OptionValue.NONE;
        scheduler.onRecv(id, task, v);
        return OptionValue.some(v);
    }

    Value recvTimeout(Task task, long ms) {
        Value v = take();
        if (v != null) {
            scheduler.onRecv(id, task, v);
            return OptionValue.some(v);
        }
        if (closed) return OptionValue.NONE;
        receivers.add(task);
        Cancellable timer = scheduler.timer(Math.max(0, ms), () -> {
            receivers.remove(task);
            scheduler.wake(task, OptionValue.NONE);
        });
        return scheduler.park(task, "channel " + id + " recv (with timeout)", () -> {
            receivers.remove(task);
            timer.cancel();
        });
    }

    void close() {
        if (closed) return;
        closed = true;
        Task r;
        while ((r = receivers.poll()) != null) scheduler.wake(r, OptionValue.NONE);
        PendingSend p;
        while ((p = senders.poll()) != null) scheduler.wakeWithError(p.task, IonException.runtime("channel is closed"));
    }
}
