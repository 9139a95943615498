package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Task;

/**
 * Waits that race: {@code select} (arms as racing tasks, the first to end wins and the rest are cancelled),
 * {@code timeout(ms, fn)} and a task handle's {@code await_timeout} (a task against a timer).
 */
final class Races {
    private final Scheduler s;

    Races(Scheduler s) {
        this.s = s;
    }

    Value select(Task task, Value[] arms) {
        TaskInfo[] racers = new TaskInfo[arms.length];
        boolean[] done = {false};
        for (int i = 0; i < arms.length; i++) {
            int arm = i;
            Task t = s.tasks.newTask((Closure) arms[i], null);
            racers[i] = Scheduler.info(t);
            racers[i].racer = (info, v, e) -> {
                if (done[0] || info.cancelled) return;
                done[0] = true;
                for (TaskInfo r : racers) if (r != null && r != info) s.tasks.cancelTask(r);
                if (e != null) {
                    s.wakeWithError(task, TaskInfo.rethrow(e));
                } else {
                    s.futures.wakeAfter(task, TupleValue.of(IntValue.of(arm), v), s.listener.onSelect(arm, v));
                }
            };
            s.turns.enqueue(t);
        }
        return s.park(task, "select", () -> {
            done[0] = true;
            for (TaskInfo r : racers) s.tasks.cancelTask(r);
        });
    }

    Value timeout(Task task, long ms, Value fn) {
        Task child = s.tasks.newTask(asClosure(fn), null);
        TaskInfo ci = Scheduler.info(child);
        Cancellable[] timer = new Cancellable[1];
        ci.racer = (info, v, e) -> {
            if (info.cancelled) return;
            timer[0].cancel();
            if (e != null) s.wakeWithError(task, TaskInfo.rethrow(e));
            else s.wake(task, OptionValue.some(v));
        };
        timer[0] = s.timers.timer(Math.max(0, ms), () -> {
            ci.racer = null;
            s.tasks.cancelTask(ci);
            s.wake(task, OptionValue.NONE);
        });
        s.turns.enqueue(child);
        return s.park(task, "timeout", () -> {
            timer[0].cancel();
            ci.racer = null;
            s.tasks.cancelTask(ci);
        });
    }

    private static Closure asClosure(Value fn) {
        if (fn instanceof Closure c && c.proto.params.names.length == 0) return c;
        throw IonException.type("timeout() expects a function of no arguments, got " + fn.typeName());
    }

    Value awaitTimeout(Task task, TaskInfo target, long ms) {
        if (target.finished) return target.outcome();
        Cancellable[] timer = new Cancellable[1];
        Runnable watcher = () -> {
            timer[0].cancel();
            try {
                s.wake(task, target.outcome());
            } catch (IonException e) {
                s.wakeWithError(task, e);
            }
        };
        target.watchers.add(watcher);
        timer[0] = s.timers.timer(Math.max(0, ms), () -> {
            target.watchers.remove(watcher);
            s.wake(task, OptionValue.NONE);
        });
        return s.park(task, "task " + target.task.id + " (with timeout)", () -> {
            target.watchers.remove(watcher);
            timer[0].cancel();
        });
    }
}
