package dev.ion.engine.runtime;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Tasks waiting on something outside the run: an async host function's future, or the host's stage for an
 * event (a slow consumer). Completions come back through the loop; while any is pending it counts as
 * something that can still wake a task, so no deadlock is reported meanwhile.
 */
final class HostFutures {
    private final Scheduler s;
    private int pending;

    HostFutures(Scheduler s) {
        this.s = s;
    }

    /** Host stages still awaited. */
    int pending() {
        return pending;
    }

    /**
     * Counts {@code stage} as something that can still wake a task and runs {@code onDone} on the loop when it
     * completes, unless the returned cancel action ran first.
     */
    private <T> Runnable external(CompletionStage<T> stage, BiConsumer<T, Throwable> onDone) {
        pending++;
        boolean[] settled = {false};
        stage.whenComplete((v, err) -> s.loop.execute(() -> {
            if (settled[0]) return;
            settled[0] = true;
            pending--;
            onDone.accept(v, err);
        }));
        return () -> {
            if (!settled[0]) {
                settled[0] = true;
                pending--;
            }
        };
    }

    Value parkUntil(Task task, CompletionStage<?> stage, Value value) {
        return s.park(task, "a slow event consumer", external(stage, (v, err) -> s.wake(task, value)));
    }

    /** Wakes a parked task with {@code value}, but only once the event stage completes. */
    void wakeAfter(Task task, Value value, CompletionStage<?> stage) {
        if (stage == null || stage.toCompletableFuture().isDone()) {
            s.wake(task, value);
            return;
        }
        TaskInfo info = Scheduler.info(task);
        s.abandonWait(info);
        info.cancelWait = external(stage, (v, err) -> s.wake(task, value));
        task.waitingOn = "a slow event consumer";
    }

    /** The value a running task gets at once, unless the event stage asks it to wait. */
    Value afterEvent(Task task, Value value, CompletionStage<?> stage) {
        if (stage == null || stage.toCompletableFuture().isDone()) return value;
        return parkUntil(task, stage, value);
    }

    /**
     * The kind a host future's error keeps: a catchable kind a script could meet from any built-in (a bad
     * argument is a {@code type} error); anything else becomes {@code runtime}, so a host cannot raise a limit,
     * a cancellation or a compile error the script can neither catch nor have caused.
     */
    static ErrorKind hostKind(ErrorKind kind) {
        return kind == ErrorKind.TYPE || kind == ErrorKind.NAME ? kind : ErrorKind.RUNTIME;
    }

    /**
     * Parks the task until a host future completes. Synchronous {@code eval} cannot wait for host futures: it
     * fails naming the function, before calling it.
     */
    Value awaitHost(Task task, String name, Supplier<CompletionStage<Value>> start) {
        if (s.synchronous) {
            throw IonException.runtime("async host function '" + name
                    + "' cannot be called from synchronous eval (use evalAsync or start)");
        }
        CompletableFuture<Value> future = start.get().toCompletableFuture();
        Runnable stopWaiting = external(future, (v, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                s.wakeWithError(task, cause instanceof IonException ie ? new IonException(hostKind(ie.kind()),
                        ie.getMessage(), 0, 0) : IonException.runtime(name + "() failed: " + cause.getMessage()));
            } else {
                s.wake(task, v == null ? UnitValue.UNIT : v);
            }
        });
        return s.park(task, "host function " + name + "()", () -> {
            stopWaiting.run();
            future.cancel(true);
        });
    }
}
