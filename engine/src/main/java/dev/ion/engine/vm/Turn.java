package dev.ion.engine.vm;

/**
 * How a task's turn in the {@link Interpreter} ended, which tells the scheduler what to do with the task
 * next. The interpreter never calls the scheduler; this value is all it says.
 */
public enum Turn {
    /** The task's entry function returned; the value is in {@link Task#result}. */
    DONE(Task.Status.DONE),
    /** An error no handler caught ended the task; it is in {@link Task#error}. */
    FAILED(Task.Status.FAILED),
    /** The task waits on something that will {@link Task#resume} it and queue it again. */
    PARKED(Task.Status.PARKED),
    /** The task used up its quantum, or a memory check is due: it can run again at once. */
    YIELDED(Task.Status.RUNNABLE);

    private final Task.Status taskStatus;

    Turn(Task.Status taskStatus) {
        this.taskStatus = taskStatus;
    }

    /** The status the task has after a turn that ended this way. */
    Task.Status taskStatus() {
        return taskStatus;
    }
}
