package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.Value;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;

/**
 * The run's timers on the loop and {@code sleep}: it counts the timers still pending, since each one can
 * still wake a task and so rules out a deadlock.
 */
final class Timers {
    private final Scheduler s;
    private int pending;

    Timers(Scheduler s) {
        this.s = s;
    }

    /** Timers scheduled and neither fired nor cancelled. */
    int pending() {
        return pending;
    }

    /** Runs {@code action} on the loop after {@code ms}, unless the returned handle cancels it first. */
    Cancellable timer(long ms, Runnable action) {
        pending++;
        boolean[] done = {false};
        Cancellable c = s.loop.schedule(ms, () -> {
            if (done[0]) return;
            done[0] = true;
            pending--;
            action.run();
        });
        return () -> {
            if (!done[0]) {
                done[0] = true;
                pending--;
                c.cancel();
            }
        };
    }

    Value sleep(Task task, long ms) {
        if (ms <= 0) {
            task.resume(UnitValue.UNIT);
            s.turns.requeue(task);
            return s.park(task, "sleep(0)", () -> { });
        }
        Cancellable c = timer(ms, () -> s.wake(task, UnitValue.UNIT));
        return s.park(task, "sleep(" + ms + ")", c::cancel);
    }
}
