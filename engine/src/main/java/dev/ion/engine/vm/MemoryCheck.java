package dev.ion.engine.vm;

import dev.ion.engine.IonException;

/**
 * Enforces {@code max_memory_bytes} without holding the event loop for long. The run keeps
 * an allocation counter (what it held at the last check plus everything allocated since);
 * when an allocation takes the counter past the limit, the task finishes the instruction it
 * is in and yields, and the scheduler then measures what the run still references in slices
 * of at most {@link #SLICE_STEPS} steps, one per loop callback, before any task of the run
 * runs again. Between slices the loop serves everything else. A run that references more
 * than the limit fails; otherwise the counter restarts from the measured size.
 */
public final class MemoryCheck {
    /** What one slice of a measurement may do: visit this many values or collection elements. */
    public static final int SLICE_STEPS = 4096;
    /** Fuel charged for a measurement: one unit per this many bytes found held. */
    static final int BYTES_PER_FUEL = 64;

    /** How a slice of a measurement ended. */
    public enum Outcome { IN_PROGRESS, WITHIN_LIMIT, OVER_LIMIT }

    private final RunState run;
    private boolean due;
    private Task trigger;
    private MemoryWalk walk;
    private long checks;
    private long steps;
    private long slices;
    private long largestSlice;

    MemoryCheck(RunState run) {
        this.run = run;
    }

    /** Records that {@code task}'s allocation took the counter past the limit. */
    void crossed(Task task) {
        if (!due) {
            due = true;
            trigger = task;
        }
    }

    /** Whether a measurement must run before the run's tasks may go on. */
    public boolean isDue() {
        return due;
    }

    /** The task whose allocation made the check due (the error's position is its), or null. */
    public Task trigger() {
        return trigger;
    }

    /** Does one slice of the due measurement and, when it completes, settles the counter and the peak. */
    public Outcome step() {
        if (walk == null) walk = new MemoryWalk(run, run.liveTasks.get());
        int slice = walk.step(SLICE_STEPS);
        slices++;
        steps += slice;
        largestSlice = Math.max(largestSlice, slice);
        if (!walk.done()) return Outcome.IN_PROGRESS;
        long held = walk.bytes();
        walk = null;
        due = false;
        // the measurement is the script's work: a script churning just under its limit measures often
        run.fuelUsed += held / BYTES_PER_FUEL;
        if (!settle(held)) return Outcome.OVER_LIMIT; // trigger() still names the task
        trigger = null;
        return Outcome.WITHIN_LIMIT;
    }

    /** Drops a measurement in progress (the run ended). */
    public void abandon() {
        walk = null;
        due = false;
        trigger = null;
    }

    /** Measures at once, for a run with no scheduler to hand the thread back to. */
    void measureNow(Task task) {
        long held = new MemoryWalk(run, run.liveTasks.get()).finish();
        task.charge(held / BYTES_PER_FUEL);
        if (!settle(held)) throw IonException.limit("max_memory_bytes", run.limits.maxMemoryBytes());
    }

    private boolean settle(long held) {
        checks++;
        if (held > run.peakBytes) run.peakBytes = held;
        run.allocatedBytes = held;
        return held <= run.limits.maxMemoryBytes();
    }

    /** Measurements completed. */
    public long checks() {
        return checks;
    }

    /** Slices of measurements done, each in its own loop callback. */
    public long slices() {
        return slices;
    }

    /** Steps walked by all measurements so far. */
    public long steps() {
        return steps;
    }

    /** Steps in the largest slice so far (at most {@link #SLICE_STEPS}). */
    public long largestSlice() {
        return largestSlice;
    }
}
