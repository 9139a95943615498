package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.vm.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The combinators of the {@code task} module: over task handles ({@code join_all}, {@code try_join_all},
 * {@code select_all}) and over functions started as racing children ({@code race}, {@code first_ok}). A task
 * parked in one of them watches every handle, so a handle failing counts as awaited, as with {@code .await}.
 */
final class Combinators {
    private Combinators() {
    }

    /** The handles in {@code v} (a list or tuple of task handles). */
    static TaskInfo[] handles(String fn, Value v) {
        Value[] items;
        if (v instanceof ListValue l) items = l.toArray();
        else if (v instanceof TupleValue t) items = t.items();
        else throw IonException.type(fn + "() expected a list of task handles, got " + v.typeName());
        TaskInfo[] out = new TaskInfo[items.length];
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof TaskInfo h)) {
                throw IonException.type(fn + "() expected a list of task handles, got " + items[i].typeName()
                        + " at index " + i);
            }
            out[i] = h;
        }
        return out;
    }

    /** The error a finished handle ended with, or null when it returned a value. */
    private static IonException failure(TaskInfo h) {
        if (h.cancelled) return IonException.runtime("task was cancelled");
        return h.error;
    }

    /** {@code join_all} ({@code asResult} false: values or the first error raised) and {@code try_join_all}. */
    static Value joinAll(Task task, TaskInfo[] hs, boolean asResult) {
        Scheduler s = Children.scheduler(task);
        Value[] results = new Value[hs.length];
        int left = hs.length;
        for (int i = 0; i < hs.length; i++) {
            if (!hs[i].finished) continue;
            IonException e = failure(hs[i]);
            if (e != null) {
                cancelAll(s, hs);
                if (asResult) return ResultValue.err(StrValue.of(e.getMessage()));
                throw TaskInfo.rethrow(e);
            }
            results[i] = hs[i].result;
            left--;
        }
        if (left == 0) return done(ListValue.wrap(results, results.length), asResult);
        Runnable[] watchers = new Runnable[hs.length];
        int[] remaining = {left};
        Runnable unwatch = () -> {
            for (int i = 0; i < hs.length; i++) if (watchers[i] != null) hs[i].watchers.remove(watchers[i]);
        };
        for (int i = 0; i < hs.length; i++) {
            if (hs[i].finished) continue;
            TaskInfo h = hs[i];
            int index = i;
            watchers[i] = () -> {
                IonException e = failure(h);
                if (e != null) {
                    unwatch.run();
                    cancelAll(s, hs);
                    if (asResult) s.wake(task, ResultValue.err(StrValue.of(e.getMessage())));
                    else s.wakeWithError(task, TaskInfo.rethrow(e));
                    return;
                }
                results[index] = h.result;
                if (--remaining[0] == 0) {
                    unwatch.run();
                    s.wake(task, done(ListValue.wrap(results, results.length), asResult));
                }
            };
            h.watchers.add(watchers[i]);
        }
        return s.park(task, asResult ? "task::try_join_all" : "task::join_all", unwatch);
    }

    private static Value done(ListValue list, boolean asResult) {
        return asResult ? ResultValue.ok(list) : list;
    }

    private static void cancelAll(Scheduler s, TaskInfo[] hs) {
        for (TaskInfo h : hs) if (!h.finished) s.tasks.cancelTask(h);
    }

    /** {@code select_all}: (index, value) of the first handle to finish; the others keep running. */
    static Value selectAll(Task task, TaskInfo[] hs) {
        if (hs.length == 0) throw IonException.runtime("select_all() expected at least one task handle");
        Scheduler s = Children.scheduler(task);
        for (int i = 0; i < hs.length; i++) {
            if (!hs[i].finished) continue;
            IonException e = failure(hs[i]);
            if (e != null) throw TaskInfo.rethrow(e);
            return TupleValue.of(IntValue.of(i), hs[i].result);
        }
        Runnable[] watchers = new Runnable[hs.length];
        Runnable unwatch = () -> {
            for (int i = 0; i < hs.length; i++) hs[i].watchers.remove(watchers[i]);
        };
        for (int i = 0; i < hs.length; i++) {
            TaskInfo h = hs[i];
            int index = i;
            watchers[i] = () -> {
                unwatch.run();
                IonException e = failure(h);
                if (e != null) s.wakeWithError(task, TaskInfo.rethrow(e));
                else s.wake(task, TupleValue.of(IntValue.of(index), h.result));
            };
            h.watchers.add(watchers[i]);
        }
        return s.park(task, "task::select_all", unwatch);
    }

    /**
     * {@code race} ({@code firstOk} false: the first function to end wins, value or error) and {@code first_ok}
     * (the first to succeed wins; when all fail, the last error is raised). The losers are cancelled.
     */
    static Value race(Task task, String fn, Value[] fns, boolean firstOk) {
        if (fns.length == 0) throw IonException.runtime(fn + "() expected at least one function");
        Scheduler s = Children.scheduler(task);
        List<TaskInfo> racers = new ArrayList<>();
        boolean[] over = {false};
        int[] failed = {0};
        Runnable cancelRest = () -> {
            over[0] = true;
            for (TaskInfo r : racers) if (!r.finished) s.tasks.cancelTask(r);
        };
        Children.Outcome outcome = (child, v, e) -> {
            if (over[0]) return;
            if (e != null && firstOk && ++failed[0] < fns.length) return;
            cancelRest.run();
            if (e != null) s.wakeWithError(task, TaskInfo.rethrow(e));
            else s.wake(task, v);
        };
        try {
            for (Value f : fns) racers.add(Children.start(s, f, new Value[0], outcome));
        } catch (IonException e) {
            cancelRest.run();
            throw e;
        }
        return s.park(task, "task::" + fn, cancelRest);
    }
}
