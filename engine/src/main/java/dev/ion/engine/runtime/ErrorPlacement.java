package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.vm.Task;

/**
 * Gives an error raised from outside every task (a timer, the host, the engine failing) a place in the
 * script, so a deadline or a cancellation reports the line the run stood at.
 */
final class ErrorPlacement {
    private ErrorPlacement() {
    }

    /**
     * {@code e} placed where the run stands: in the task that was running when its turn ran out, else where
     * the main task (or, once it is gone, the task that ran last) is suspended.
     */
    static IonException located(IonException e, Task lastRun, Task root) {
        Task t = lastRun != null && lastRun.status == Task.Status.RUNNABLE && !Scheduler.info(lastRun).finished
                ? lastRun
                : root != null && !Scheduler.info(root).finished ? root : lastRun;
        if (t == null || Scheduler.info(t).finished) return e;
        try {
            return t.locate(e);
        } catch (RuntimeException broken) {
            return e; // a task the engine failed in may be inconsistent: the error matters more than its place
        }
    }
}
