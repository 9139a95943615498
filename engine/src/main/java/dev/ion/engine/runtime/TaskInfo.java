package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.Atom;
import dev.ion.engine.value.Holder;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskNative;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scheduler's bookkeeping for one task, and the task handle scripts hold
 * ({@code spawn} returns it; {@code .await}, {@code cancel()} … act on it).
 */
final class TaskInfo extends Value implements Atom, MethodHolder, Holder {
    /** Callback for tasks racing in a select or timeout: told how the task ended. */
    interface Racer {
        void finished(TaskInfo info, Value value, IonException error);
    }

    final Task task;
    final Scheduler scheduler;
    /** The nursery this task belongs to, or null for the root and racers. */
    final Nursery nursery;
    final List<Nursery> openNurseries = new ArrayList<>();
    final List<Task> awaiters = new ArrayList<>();
    /** Callbacks run when the task ends (await_timeout waiters). */
    final List<Runnable> watchers = new ArrayList<>();
    Racer racer;
    /** The policy the next nursery this task opens takes (set by {@code task::nursery}). */
    Nursery.Policy nextNurseryPolicy;
    Runnable cancelWait;
    IonException pendingAbort;
    boolean finished;
    boolean cancelled;
    Value result;
    IonException error;

    TaskInfo(Task task, Scheduler scheduler, Nursery nursery) {
        this.task = task;
        this.scheduler = scheduler;
        this.nursery = nursery;
    }

    @Override
    public void forEachHeld(Consumer<Value> action) {
        if (result != null) action.accept(result);
    }

    Nursery innermostNursery() {
        return openNurseries.isEmpty() ? null : openNurseries.get(openNurseries.size() - 1);
    }

    @Override
    public String typeName() {
        return "task";
    }

    /** Task ids are unique within a run: the run's task sets hash them without an identity hash per task. */
    @Override
    public int identityHash() {
        return task.id;
    }

    @Override
    public String text() {
        return "<task " + task.id + ">";
    }

    @Override
    public NativeFn method(String name) {
        return switch (name) {
            case "is_finished" -> (cx, args) -> {
                Arity.check(name, args.length - 1, 0, 0);
                return BoolValue.of(finished);
            };
            case "is_cancelled" -> (cx, args) -> {
                Arity.check(name, args.length - 1, 0, 0);
                return BoolValue.of(cancelled);
            };
            case "cancel" -> (cx, args) -> {
                Arity.check(name, args.length - 1, 0, 0);
                scheduler.tasks.cancelTask(this);
                return UnitValue.UNIT;
            };
            case "await_timeout" -> TaskNative.of((task, args) -> {
                Arity.check(name, args.length - 1, 1, 1);
                if (!(args[1] instanceof IntValue ms)) {
                    throw IonException.type("await_timeout() expected milliseconds as an int, got " + args[1].typeName());
                }
                return scheduler.races.awaitTimeout(task, this, ms.value);
            });
            case "await" -> TaskNative.of((task, args) -> {
                Arity.check(name, args.length - 1, 0, 0);
                return scheduler.await(task, this);
            });
            default -> null;
        };
    }

    /** The outcome as an Option for await_timeout: Some(value) when finished successfully. */
    Value outcome() {
        if (cancelled) throw IonException.runtime("task was cancelled");
        if (error != null) throw rethrow(error);
        return OptionValue.some(result);
    }

    static IonException rethrow(IonException e) {
        return new IonException(e.kind(), e.getMessage(), 0, 0);
    }
}
