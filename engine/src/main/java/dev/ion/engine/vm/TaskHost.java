package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The concurrency runtime as the VM and the concurrency built-ins see it: an interface, so that neither
 * knows the scheduler behind it. Each operation either returns a value at once or parks the task
 * (returning {@link CallContext#SUSPEND}) after arranging for {@link Task#resume} to be called later.
 */
public interface TaskHost {
    /** Opens a nursery for the task at its current frame. */
    void openNursery(Task task);

    /** Closes the task's innermost nursery once its children finish; may park. */
    Value closeNursery(Task task, Value bodyValue);

    /** Starts {@code fn()} as a child task of the innermost nursery; returns its handle. */
    Value spawn(Task task, Value fn);

    /** Waits for a task handle; may park. */
    Value await(Task task, Value handle);

    /** Races zero-argument functions; returns (index, value) or parks. */
    Value select(Task task, Value[] arms);

    /** Parks the task until {@code stage} completes, then resumes it with {@code value}. */
    Value parkUntil(Task task, CompletionStage<?> stage, Value value);

    /** Called when an error unwinds to a handler: nurseries opened after that handler are abandoned. */
    void abandonNurseries(Task task, int handlerCount);

    /** {@code sleep(ms)}: parks the task for {@code ms} milliseconds (lets others run first when {@code ms <= 0}). */
    Value sleep(Task task, long ms);

    /** {@code timeout(ms, fn)}: runs {@code fn()} as a racing task; parks until Some(its result), or None after ms. */
    Value timeout(Task task, long ms, Value fn);

    /** {@code channel(capacity)}: a new channel's (sender, receiver) tuple. */
    Value channel(int capacity);

    /**
     * Calls an async host function: starts it through {@code start} and parks the task until its future
     * completes. Fails, naming {@code name} and before starting it, where the run cannot wait for futures.
     */
    Value awaitHost(Task task, String name, Supplier<CompletionStage<Value>> start);
}
