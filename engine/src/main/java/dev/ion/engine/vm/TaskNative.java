package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.NativeFn;

/**
 * A native function that needs the calling task itself, not just a {@link CallContext}: the concurrency
 * built-ins, which park the task and reach the runtime through {@link Task#host()}. The interpreter hands it
 * the running task; called any other way (with a context that is not a running task) it fails as
 * concurrency does outside a run.
 */
@FunctionalInterface
public interface TaskNative extends NativeFn {
    Value call(Task task, Value[] args);

    @Override
    default Value call(CallContext cx, Value[] args) {
        throw IonException.runtime("concurrency is not available in this context");
    }

    /** Gives a lambda or method reference this type where a {@link NativeFn} is expected. */
    static TaskNative of(TaskNative fn) {
        return fn;
    }
}
