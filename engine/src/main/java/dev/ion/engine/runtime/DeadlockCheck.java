package dev.ion.engine.runtime;

import dev.ion.engine.IonException;

/**
 * Ends the run when every live task waits and nothing can wake one: no timer or host future pending and no
 * task receiving from an input channel the host may still feed (LANGUAGE.md §10). The error names what each
 * task waits on.
 */
final class DeadlockCheck {
    private static final int TASKS_NAMED = 16;

    private final Scheduler s;

    DeadlockCheck(Scheduler s) {
        this.s = s;
    }

    /** Call when the run queue is empty. */
    void check() {
        if (s.timers.pending() > 0 || s.futures.pending() > 0 || s.tasks.isEmpty() || s.host.someoneAwaitsInput()) {
            return;
        }
        StringBuilder sb = new StringBuilder("deadlock: every task is waiting and nothing can wake them (");
        int n = 0;
        for (TaskInfo i : s.tasks.live()) {
            if (n++ > 0) sb.append("; ");
            if (n > TASKS_NAMED) {
                sb.append("…");
                break;
            }
            sb.append(i.task == s.root() ? "main task" : "task " + i.task.id).append(" waits on ")
                    .append(i.task.waitingOn == null ? "nothing" : i.task.waitingOn);
        }
        s.fail(IonException.runtime(sb.append(')').toString()));
    }
}
