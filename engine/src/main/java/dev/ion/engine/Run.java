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

    /**
     * Binds a receiver named {@code name} in the script, fed by the host. Call it before
     * the script first reads the name (on the loop thread right after {@code start}).
     */
    public InputChannel inputChannel(String name, int capacity) {
        return scheduler.inputChannel(name, capacity);
    }

    /** Calls the script's top-level function {@code name} as a new task of this run. */
    public CompletableFuture<Value> callAsync(String name, Value... args) {
        return scheduler.callAsync(name, args.clone());
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

    /** The run's shared state, for the engine's own tests. */
    RunState state() {
        return state;
    }
}
