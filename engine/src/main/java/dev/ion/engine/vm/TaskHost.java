package dev.ion.engine.vm;

import dev.ion.engine.Value;

/**
 * The concurrency runtime as the VM sees it. Each operation either returns a value
 * at once or parks the task (returning {@link dev.ion.engine.value.CallContext#SUSPEND})
 * after arranging for {@link Task#resume} to be called later.
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
    Value parkUntil(Task task, java.util.concurrent.CompletionStage<?> stage, Value value);

    /** Called when an error unwinds to a handler: nurseries opened after that handler are abandoned. */
    void abandonNurseries(Task task, int handlerCount);
}
