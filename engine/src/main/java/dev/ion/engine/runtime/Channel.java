package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A bounded FIFO channel (LANGUAGE.md §10). Waiting senders and receivers queue here;
 * a cancelled task removes itself from these queues.
 */
final class Channel {
    /** A sender waiting for room: a task, or the host (with the future to complete). */
    private record PendingSend(Task task, Value value, CompletableFuture<Void> host) {
        void accepted(Scheduler scheduler) {
            if (task != null) scheduler.wake(task, UnitValue.UNIT);
            else host.complete(null);
        }
    }

    final long id;
    final int capacity;
    final Scheduler scheduler;
    private final ArrayDeque<Value> buffer = new ArrayDeque<>();
    private final ArrayDeque<Task> receivers = new ArrayDeque<>();
    private final ArrayDeque<PendingSend> senders = new ArrayDeque<>();
    private boolean closed;
    /** What a task parked here waits on, for deadlock reports; made once per channel, not per park. */
    private String waitingToSend, waitingToReceive;

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
        PendingSend p = new PendingSend(task, v, null);
        senders.add(p);
        if (waitingToSend == null) waitingToSend = "channel " + id + " send (full)";
        return scheduler.park(task, waitingToSend, () -> senders.remove(p));
    }

    /** {@code tx.try_send(v)}: never parks; {@code Ok(())}, {@code Err("full")} or {@code Err("closed")}. */
    Value trySend(Value v) {
        if (closed) return ResultValue.err(StrValue.of("closed"));
        Task receiver = receivers.poll();
        if (receiver != null) {
            deliver(receiver, v);
        } else if (buffer.size() < capacity) {
            buffer.add(v);
        } else {
            return ResultValue.err(StrValue.of("full"));
        }
        return ResultValue.ok(UnitValue.UNIT);
    }

    private void deliver(Task receiver, Value v) {
        scheduler.futures.wakeAfter(receiver, OptionValue.some(v), scheduler.onRecv(id, receiver, v));
    }

    /** A send from the host (an input channel); {@code accepted} completes when the value is taken in. */
    void hostSend(Value v, CompletableFuture<Void> accepted) {
        if (closed) {
            accepted.completeExceptionally(IonException.runtime("channel is closed"));
            return;
        }
        Task receiver = receivers.poll();
        if (receiver != null) {
            deliver(receiver, v);
            accepted.complete(null);
        } else if (buffer.size() < capacity) {
            buffer.add(v);
            accepted.complete(null);
        } else {
            senders.add(new PendingSend(null, v, accepted));
        }
    }

    /** Takes a value if one is ready: from the buffer (refilled from a waiting sender) or a sender. */
    private Value take() {
        Value v = buffer.poll();
        if (v != null) {
            PendingSend p = senders.poll();
            if (p != null) {
                buffer.add(p.value);
                p.accepted(scheduler);
            }
            return v;
        }
        PendingSend p = senders.poll();
        if (p != null) {
            p.accepted(scheduler);
            return p.value;
        }
        return null;
    }

    Value recv(Task task) {
        Value v = take();
        if (v != null) return scheduler.futures.afterEvent(task, OptionValue.some(v), scheduler.onRecv(id, task, v));
        if (closed) return OptionValue.NONE;
        receivers.add(task);
        if (waitingToReceive == null) waitingToReceive = "channel " + id + " recv (empty)";
        return scheduler.park(task, waitingToReceive, () -> receivers.remove(task));
    }

    Value tryRecv(Task task) {
        Value v = take();
        if (v == null) return OptionValue.NONE;
        return scheduler.futures.afterEvent(task, OptionValue.some(v), scheduler.onRecv(id, task, v));
    }

    Value recvTimeout(Task task, long ms) {
        Value v = take();
        if (v != null) return scheduler.futures.afterEvent(task, OptionValue.some(v), scheduler.onRecv(id, task, v));
        if (closed) return OptionValue.NONE;
        receivers.add(task);
        Cancellable timer = scheduler.timers.timer(Math.max(0, ms), () -> {
            receivers.remove(task);
            scheduler.wake(task, OptionValue.NONE);
        });
        return scheduler.park(task, "channel " + id + " recv (with timeout)", () -> {
            receivers.remove(task);
            timer.cancel();
        });
    }

    /** Whether a task is parked receiving (a closed channel has none: closing wakes them). */
    boolean hasWaitingReceivers() {
        return !receivers.isEmpty();
    }

    /** The values waiting in this channel (buffered or offered by parked senders). */
    void forEachHeld(Consumer<Value> action) {
        buffer.forEach(action);
        for (PendingSend p : senders) action.accept(p.value);
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (closed) return;
        closed = true;
        Task r;
        while ((r = receivers.poll()) != null) scheduler.wake(r, OptionValue.NONE);
        PendingSend p;
        while ((p = senders.poll()) != null) {
            if (p.task != null) scheduler.wakeWithError(p.task, IonException.runtime("channel is closed"));
            else p.host.completeExceptionally(IonException.runtime("channel is closed"));
        }
    }
}
