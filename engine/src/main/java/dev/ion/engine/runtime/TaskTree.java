package dev.ion.engine.runtime;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's live tasks and their nurseries (structured concurrency, LANGUAGE.md §10): creating a task within
 * {@code max_tasks}, and what a task ending or being cancelled does to its awaiters, its children, its
 * siblings and the {@code async {}} block it belongs to.
 */
final class TaskTree {
    private final Scheduler s;
    private final Set<TaskInfo> live = new LinkedHashSet<>();
    private int nextTaskId;
    private int tasksStarted;

    TaskTree(Scheduler s) {
        this.s = s;
    }

    Collection<TaskInfo> live() {
        return live;
    }

    boolean isEmpty() {
        return live.isEmpty();
    }

    int tasksStarted() {
        return tasksStarted;
    }

    /** The run ended: every task stops waiting and is forgotten. */
    void abandonAll() {
        for (TaskInfo i : new ArrayList<>(live)) s.abandonWait(i);
        live.clear();
    }

    /** A task the host starts to call a top-level function: it belongs to no nursery. */
    Task newCallTask(Closure entry, Value[] args) {
        if (live.size() >= s.run.limits.maxTasks()) {
            throw IonException.limit("max_tasks", s.run.limits.maxTasks());
        }
        Task t = new Task(s.run, nextTaskId++, entry, args);
        t.hostData = new TaskInfo(t, s, null);
        live.add((TaskInfo) t.hostData);
        tasksStarted++;
        s.listener.onTaskStarted(t.id);
        return t;
    }

    Task newTask(Closure entry, Nursery nursery) {
        if (live.size() >= s.run.limits.maxTasks()) {
            throw IonException.limit("max_tasks", s.run.limits.maxTasks());
        }
        Task t = new Task(s.run, nextTaskId++, entry);
        TaskInfo info = new TaskInfo(t, s, nursery);
        t.hostData = info;
        live.add(info);
        tasksStarted++;
        if (nursery != null) nursery.children.add(info);
        s.listener.onTaskStarted(t.id);
        return t;
    }

    // ============================ a task ends ============================

    void done(TaskInfo info, Value v) {
        if (info.task == s.root()) {
            closeAll(info);
            s.succeed(v);
            return;
        }
        finish(info, v, null);
    }

    void failed(TaskInfo info, IonException e) {
        if (e.kind() == ErrorKind.LIMIT || e.kind() == ErrorKind.CANCELLED || info.task == s.root()) {
            // a limit met in a task without a script position (a task module's helper calling a built-in)
            // is placed where the run stands, as a deadline is
            s.fail(e.line() == 0 ? s.located(e) : e);
            return;
        }
        closeAll(info);
        finish(info, null, e);
    }

    /** Cancels the children of every nursery the task still has open. */
    private void closeAll(TaskInfo info) {
        for (int i = info.openNurseries.size() - 1; i >= 0; i--) cancelChildren(info.openNurseries.get(i), null);
        info.openNurseries.clear();
    }

    private void finish(TaskInfo info, Value v, IonException e) {
        info.finished = true;
        info.result = v;
        info.error = e;
        live.remove(info);
        s.listener.onTaskFinished(info.task.id);
        List<Task> waiting = drain(info.awaiters);
        List<Runnable> watchers = drain(info.watchers);
        if (info.racer != null) {
            info.racer.finished(info, v, e);
        } else if (e != null && waiting.isEmpty() && watchers.isEmpty() && info.nursery != null && !info.cancelled) {
            if (info.nursery.policy != null && info.nursery.policy.waitAll()) info.nursery.failures.add(e.getMessage());
            else nurseryFailed(info.nursery, e);
        }
        for (Runnable w : watchers) w.run();
        for (Task w : waiting) {
            if (info.cancelled) s.wakeWithError(w, IonException.runtime("task was cancelled"));
            else if (e != null) s.wakeWithError(w, TaskInfo.rethrow(e));
            else s.wake(w, v);
        }
        leaveNursery(info);
    }

    /** The list's elements, which it no longer holds. */
    private static <T> List<T> drain(List<T> list) {
        if (list.isEmpty()) return List.of();
        List<T> copy = new ArrayList<>(list);
        list.clear();
        return copy;
    }

    private void leaveNursery(TaskInfo info) {
        Nursery n = info.nursery;
        if (n == null) return;
        n.children.remove(info);
        if (n.closing && n.children.isEmpty() && n.failure == null) {
            n.closing = false;
            popNursery(n);
            IonException collected = collectedFailures(n);
            if (collected != null) s.wakeWithError(n.owner.task, collected);
            else s.wake(n.owner.task, n.bodyValue);
        }
    }

    /** Under {@code wait_all}: one error listing every child that failed unawaited, or null. */
    private static IonException collectedFailures(Nursery n) {
        if (n.failures.isEmpty()) return null;
        int count = n.failures.size();
        return IonException.runtime(count + (count == 1 ? " task" : " tasks") + " failed: " + String.join("; ", n.failures));
    }

    private void popNursery(Nursery n) {
        n.owner.openNurseries.remove(n);
    }

    /** Cancels a task and everything below it; it leaves every queue at once. */
    void cancelTask(TaskInfo info) {
        if (info.finished) return;
        info.cancelled = true;
        closeAll(info);
        s.abandonWait(info);
        info.task.status = Task.Status.CANCELLED;
        finish(info, null, null);
    }

    private void cancelChildren(Nursery n, TaskInfo except) {
        for (TaskInfo c : new ArrayList<>(n.children)) {
            if (c != except) cancelTask(c);
        }
    }

    /** A child failed before anyone awaited it: cancel its siblings and the nursery's body. */
    private void nurseryFailed(Nursery n, IonException e) {
        if (n.failure != null) return;
        n.failure = e;
        TaskInfo owner = n.owner;
        if (owner.finished) return;
        int index = owner.openNurseries.indexOf(n);
        for (int i = owner.openNurseries.size() - 1; i >= Math.max(0, index); i--) {
            Nursery open = owner.openNurseries.get(i);
            cancelChildren(open, null);
        }
        while (owner.openNurseries.size() > Math.max(0, index)) {
            owner.openNurseries.remove(owner.openNurseries.size() - 1);
        }
        s.abandonWait(owner);
        s.turns.remove(owner.task);
        Task t = owner.task;
        t.truncateHandlers(n.handlerCount);
        if (t.raise(TaskInfo.rethrow(e))) {
            s.turns.enqueue(t);
        } else {
            failed(owner, t.error);
        }
    }

    // ============================ nurseries, spawn, await ============================

    void openNursery(Task task) {
        TaskInfo info = Scheduler.info(task);
        Nursery n = new Nursery(info, task.frameIndex(), task.handlerCount());
        n.policy = info.nextNurseryPolicy;
        info.nextNurseryPolicy = null;
        info.openNurseries.add(n);
    }

    Value closeNursery(Task task, Value bodyValue) {
        TaskInfo info = Scheduler.info(task);
        Nursery n = info.innermostNursery();
        if (n == null) return bodyValue;
        if (n.children.isEmpty()) {
            popNursery(n);
            IonException collected = collectedFailures(n);
            if (collected != null) throw collected;
            return bodyValue;
        }
        n.closing = true;
        n.bodyValue = bodyValue;
        return s.park(task, "the children of an async block", () -> n.closing = false);
    }

    void abandonNurseries(Task task, int handlerCount) {
        TaskInfo info = Scheduler.info(task);
        while (!info.openNurseries.isEmpty()) {
            Nursery n = info.innermostNursery();
            if (n.handlerCount <= handlerCount) break;
            cancelChildren(n, null);
            info.openNurseries.remove(info.openNurseries.size() - 1);
        }
    }

    Value spawn(Task task, Value fn) {
        TaskInfo info = Scheduler.info(task);
        Nursery n = info.innermostNursery();
        if (n == null) n = info.nursery != null && !info.nursery.owner.finished ? info.nursery : null;
        if (n == null) throw IonException.runtime("spawn is only allowed inside async {}");
        if (n.policy != null && n.policy.maxTasks() > 0 && n.children.size() >= n.policy.maxTasks()) {
            throw IonException.runtime("nursery max_tasks reached: " + n.policy.maxTasks() + " tasks are running");
        }
        Task child = newTask((Closure) fn, n);
        s.turns.enqueue(child);
        return Scheduler.info(child);
    }

    Value await(Task task, Value handle) {
        if (!(handle instanceof TaskInfo target)) {
            throw IonException.type("'.await' expects a task handle, got " + handle.typeName());
        }
        if (target.finished) return ((OptionValue) target.outcome()).value();
        target.awaiters.add(task);
        return s.park(task, new Awaiting(target.task), () -> target.awaiters.remove(task));
    }

    /** What an awaiting task waits on: its text is only made for a deadlock report. */
    private record Awaiting(Task target) {
        @Override
        public String toString() {
            return "task " + target.id;
        }
    }
}
