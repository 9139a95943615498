package dev.ion.engine;

import dev.ion.engine.runtime.Scheduler;
import dev.ion.engine.vm.RunState;

import java.util.concurrent.CompletableFuture;

/** A script started on an event loop: its eventual result, cancellation and statistics. */
public final class Run {
    private final Scheduler scheduler;
    private final RunState state;

    Run(Scheduler scheduler, RunState state) {
        this.scheduler = scheduler;
        this.state = state;
    }

    /** Completes with the script's value, or exceptionally with its {@link IonException}. */
    public CompletableFuture<Value> result() {
        return scheduler.result();
    }

    /** Cancels the whole run: tasks, timers and host futures; the result fails with kind CANCELLED. */
    public void cancel() {
        scheduler.cancel();
    }

    public long fuelUsed() {
        return state.fuelUsed();
    }

    public long outputBytes() {
        return state.outputBytes();
    }

    public long peakMemoryBytes() {
        return state.peakMemoryBytes();
    }

    public int tasksStarted() {
        return scheduler.tasksStarted();
    }

    public Limits limits() {
        return state.limits;
    }
}
