package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.vm.Interpreter;
import dev.ion.engine.vm.MemoryCheck;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.Turn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The run queue and the loop callbacks that drain it: tasks take turns in FIFO order, a bounded number per
 * callback so the loop stays responsive, and the run's memory check runs in slices between turns (no task
 * runs while one is in progress). It also gates host calls on the root task's first turn (the prologue).
 */
final class TurnDriver {
    private static final int TURNS_PER_DRAIN = 256;

    private final Scheduler s;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private boolean drainScheduled;
    /** A drain is running: a task enqueued meanwhile gets its turn in it, without another loop callback. */
    private boolean draining;
    /** What a task's turn did, applied once the memory check its allocations made due has passed. */
    private Runnable afterMemoryCheck;
    /** The task whose turn ran last. */
    private Task lastRun;
    private boolean prologueDone;
    private final List<Runnable> afterPrologue = new ArrayList<>();

    TurnDriver(Scheduler s) {
        this.s = s;
    }

    Task lastRun() {
        return lastRun;
    }

    boolean isIdle() {
        return queue.isEmpty();
    }

    void enqueue(Task t) {
        t.status = Task.Status.RUNNABLE;
        requeue(t);
    }

    /** Puts {@code t} back at the end of the queue without touching its status. */
    void requeue(Task t) {
        queue.add(t);
        if (!draining) scheduleDrain();
    }

    void remove(Task t) {
        queue.remove(t);
    }

    void clear() {
        queue.clear();
    }

    /** The run ended: a pending turn outcome no longer matters. */
    void forgetMemoryCheck() {
        afterMemoryCheck = null;
    }

    /** Runs {@code r} once the root task has had its first turn (its top-level functions exist). */
    void afterPrologue(Runnable r) {
        if (prologueDone || s.isFinished()) r.run();
        else afterPrologue.add(r);
    }

    private void scheduleDrain() {
        if (!drainScheduled && !s.isFinished()) {
            drainScheduled = true;
            s.loop.execute(this::drain);
        }
    }

    private void drain() {
        draining = true;
        try {
            drainTurns();
        } catch (Throwable e) {
            s.abort(e);
        } finally {
            draining = false;
        }
        if (!queue.isEmpty()) scheduleDrain();
    }

    private void drainTurns() {
        drainScheduled = false;
        if (!s.isFinished() && s.run.memory.isDue()) {
            if (!memoryCheckSlice()) return;
            if (!queue.isEmpty()) {
                scheduleDrain(); // the check's last slice was this callback's work
                return;
            }
        }
        int turns = 0;
        Task t;
        while (!s.isFinished() && (t = queue.poll()) != null) {
            TaskInfo info = Scheduler.info(t);
            if (info.finished) continue;
            Turn status;
            lastRun = t;
            try {
                status = Interpreter.run(t);
            } catch (Throwable e) {
                s.abort(e);
                return;
            }
            if (!prologueDone && t == s.root()) {
                prologueDone = true;
                afterPrologue.forEach(Runnable::run);
                afterPrologue.clear();
            }
            if (s.run.memory.isDue()) {
                // the turn's outcome takes effect after the check, which also measures a value it returned
                Task ran = t;
                afterMemoryCheck = () -> endTurn(info, ran, status);
                scheduleDrain();
                return;
            }
            if (!endTurn(info, t, status)) return;
            if (++turns >= TURNS_PER_DRAIN && !queue.isEmpty()) {
                scheduleDrain();
                return;
            }
        }
        if (!s.isFinished() && queue.isEmpty()) s.deadlock.check();
    }

    /** Applies the outcome of a task's turn; false when the drain should give the loop back. */
    private boolean endTurn(TaskInfo info, Task t, Turn status) {
        switch (status) {
            case DONE -> s.tasks.done(info, t.result);
            case FAILED -> s.tasks.failed(info, t.error);
            case YIELDED -> {
                queue.add(t);
                scheduleDrain();
                return false;
            }
            case PARKED -> {
                // whatever it waits on will enqueue it again
            }
        }
        return true;
    }

    /**
     * Does one slice of the run's memory check (no task of the run runs until it is over);
     * true once the check passed and the turn that made it due has taken effect.
     */
    private boolean memoryCheckSlice() {
        MemoryCheck.Outcome outcome;
        try {
            outcome = s.run.memory.step();
        } catch (Throwable e) {
            s.abort(e);
            return false;
        }
        switch (outcome) {
            case IN_PROGRESS -> {
                scheduleDrain();
                return false;
            }
            case OVER_LIMIT -> {
                Task trigger = s.run.memory.trigger();
                IonException e = IonException.limit("max_memory_bytes", s.run.limits.maxMemoryBytes());
                // raised in the task whose allocation crossed the limit, so the error has its position
                if (trigger != null && !Scheduler.info(trigger).finished && !trigger.raise(e)) e = trigger.error;
                s.fail(e);
                return false;
            }
            default -> {
                Runnable after = afterMemoryCheck;
                afterMemoryCheck = null;
                if (after != null) after.run();
                return !s.isFinished();
            }
        }
    }
}
