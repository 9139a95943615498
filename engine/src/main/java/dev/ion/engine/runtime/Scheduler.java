package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.EventLoop;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Interpreter;
import dev.ion.engine.vm.MemoryCheck;
import dev.ion.engine.vm.RunState;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskHost;
import dev.ion.engine.vm.Turn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Drives the tasks of one run on an {@link EventLoop}: a FIFO run queue, timers, host
 * futures, nurseries, select and deadlock detection (LANGUAGE.md §10). Everything
 * here runs on the loop, one callback at a time; host futures report back through
 * {@link EventLoop#execute}.
 */
public final class Scheduler implements TaskHost {
    private static final int TURNS_PER_DRAIN = 256;

    final RunState run;
    final EventLoop loop;
    final RunListener listener;
    final boolean synchronous;
    private final CompletableFuture<Value> result = new CompletableFuture<>();
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private final Set<TaskInfo> live = new LinkedHashSet<>();
    private boolean drainScheduled;
    private boolean finished;
    private int nextTaskId;
    private int pendingTimers;
    private int pendingHostCalls;
    private int tasksStarted;
    private long nextChannelId;
    private Task root;
    /** The task whose turn ran last. */
    private Task lastRun;
    private Cancellable deadlineTimer;

    public Scheduler(RunState run, EventLoop loop, RunListener listener, boolean synchronous) {
        this.run = run;
        this.loop = loop;
        this.listener = listener;
        this.synchronous = synchronous;
        run.host = this;
        run.liveTasks = () -> live.stream().map(i -> i.task).toList();
    }

    public CompletableFuture<Value> result() {
        return result;
    }

    public RunState runState() {
        return run;
    }

    public boolean isFinished() {
        return finished;
    }

    public int tasksStarted() {
        return tasksStarted;
    }

    /** Starts the script's main function as the root task. */
    public void start(Closure main) {
        loop.execute(() -> {
            root = newTask(main, null);
            long d = run.limits.deadlineMs();
            if (d != Limits.UNLIMITED) {
                deadlineTimer = loop.schedule(d, () -> fail(located(IonException.limit("deadline_ms", d))));
            }
            enqueue(root);
        });
    }

    /** Cancels the whole run: every task, timer and host future. */
    public void cancel() {
        run.cancel();
        loop.execute(() -> fail(located(IonException.cancelled())));
    }

    /**
     * {@code e}, raised from outside every task (a timer, the host), placed where the run stands: in the task
     * that was running when its turn ran out, else where the main task (or, once it is gone, the task that
     * ran last) is suspended.
     */
    private IonException located(IonException e) {
        Task t = lastRun != null && lastRun.status == Task.Status.RUNNABLE && !info(lastRun).finished ? lastRun
                : root != null && !info(root).finished ? root : lastRun;
        if (t == null || info(t).finished) return e;
        try {
            return t.locate(e);
        } catch (RuntimeException broken) {
            return e; // a task the engine failed in may be inconsistent: the error matters more than its place
        }
    }

    static TaskInfo info(Task t) {
        return (TaskInfo) t.hostData;
    }

    private Task newCallTask(Closure entry, Value[] args) {
        if (live.size() >= run.limits.maxTasks()) {
            throw IonException.limit("max_tasks", run.limits.maxTasks());
        }
        Task t = new Task(run, nextTaskId++, entry, args);
        t.hostData = new TaskInfo(t, this, null);
        live.add((TaskInfo) t.hostData);
        tasksStarted++;
        listener.onTaskStarted(t.id);
        return t;
    }

    private Task newTask(Closure entry, Nursery nursery) {
        if (live.size() >= run.limits.maxTasks()) {
            throw IonException.limit("max_tasks", run.limits.maxTasks());
        }
        Task t = new Task(run, nextTaskId++, entry);
        TaskInfo info = new TaskInfo(t, this, nursery);
        t.hostData = info;
        live.add(info);
        tasksStarted++;
        if (nursery != null) nursery.children.add(info);
        listener.onTaskStarted(t.id);
        return t;
    }

    // ============================ the run queue ============================

    void enqueue(Task t) {
        t.status = Task.Status.RUNNABLE;
        queue.add(t);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (!drainScheduled && !finished) {
            drainScheduled = true;
            loop.execute(this::drain);
        }
    }

    private void drain() {
        try {
            drainTurns();
        } catch (Throwable e) {
            abort(e);
        }
    }

    private void drainTurns() {
        drainScheduled = false;
        if (!finished && run.memory.isDue()) {
            if (!memoryCheckSlice()) return;
            if (!queue.isEmpty()) {
                scheduleDrain(); // the check's last slice was this callback's work
                return;
            }
        }
        int turns = 0;
        Task t;
        while (!finished && (t = queue.poll()) != null) {
            TaskInfo info = info(t);
            if (info.finished) continue;
            Turn status;
            lastRun = t;
            try {
                status = Interpreter.run(t);
            } catch (Throwable e) {
                abort(e);
                return;
            }
            if (!prologueDone && t == root) {
                prologueDone = true;
                afterPrologue.forEach(Runnable::run);
                afterPrologue.clear();
            }
            if (run.memory.isDue()) {
                // the turn's outcome takes effect after the check, which also measures a value it returned
                Task ran = t;
                afterMemoryCheck = () -> endTurn(info, ran, status);
                scheduleDrain();
                return;
            }
            if (!endTurn(info, t, status)) return;
            if (++turns >= TURNS_PER_DRAIN && !queue.isEmpty()) {
                scheduleDrain();
                return;
            }
        }
        if (!finished && queue.isEmpty()) checkDeadlock();
    }

    /** What a task's turn did, applied once the memory check its allocations made due has passed. */
    private Runnable afterMemoryCheck;

    /** Applies the outcome of a task's turn; false when the drain should give the loop back. */
    private boolean endTurn(TaskInfo info, Task t, Turn status) {
        switch (status) {
            case DONE -> taskDone(info, t.result);
            case FAILED -> taskFailed(info, t.error);
            case YIELDED -> {
                queue.add(t);
                scheduleDrain();
                return false;
            }
            case PARKED -> {
                // whatever it waits on will enqueue it again
            }
        }
        return true;
    }

    /**
     * Does one slice of the run's memory check (no task of the run runs until it is over);
     * true once the check passed and the turn that made it due has taken effect.
     */
    private boolean memoryCheckSlice() {
        MemoryCheck.Outcome outcome;
        try {
            outcome = run.memory.step();
        } catch (Throwable e) {
            abort(e);
            return false;
        }
        switch (outcome) {
            case IN_PROGRESS -> {
                scheduleDrain();
                return false;
            }
            case OVER_LIMIT -> {
                Task trigger = run.memory.trigger();
                IonException e = IonException.limit("max_memory_bytes", run.limits.maxMemoryBytes());
                // raised in the task whose allocation crossed the limit, so the error has its position
                if (trigger != null && !info(trigger).finished && !trigger.raise(e)) e = trigger.error;
                fail(e);
                return false;
            }
            default -> {
                Runnable after = afterMemoryCheck;
                afterMemoryCheck = null;
                if (after != null) after.run();
                return !finished;
            }
        }
    }

    private void checkDeadlock() {
        if (pendingTimers > 0 || pendingHostCalls > 0 || live.isEmpty() || someoneAwaitsInput()) return;
        StringBuilder sb = new StringBuilder("deadlock: every task is waiting and nothing can wake them (");
        int n = 0;
        for (TaskInfo i : live) {
            if (n++ > 0) sb.append("; ");
            if (n > 16) {
                sb.append("…");
                break;
            }
            sb.append(i.task == root ? "main task" : "task " + i.task.id).append(" waits on ")
                    .append(i.task.waitingOn == null ? "nothing" : i.task.waitingOn);
        }
        fail(IonException.runtime(sb.append(')').toString()));
    }

    /** Ends the run because the engine itself failed (never leaves its result pending). */
    public void abort(Throwable e) {
        fail(located(e instanceof OutOfMemoryError ? IonException.limit("max_memory_bytes", run.limits.maxMemoryBytes())
                : IonException.internal()));
    }

    /** Ends the run with an error: every task, timer and host call is cancelled. */
    void fail(IonException e) {
        if (finished) return;
        finished = true;
        run.memory.abandon();
        afterMemoryCheck = null;
        for (TaskInfo i : new ArrayList<>(live)) abandonWait(i);
        live.clear();
        queue.clear();
        if (deadlineTimer != null) deadlineTimer.cancel();
        endHostCalls();
        result.completeExceptionally(e);
    }

    private void succeed(Value v) {
        if (finished) return;
        finished = true;
        run.memory.abandon();
        afterMemoryCheck = null;
        for (TaskInfo i : new ArrayList<>(live)) abandonWait(i);
        live.clear();
        if (deadlineTimer != null) deadlineTimer.cancel();
        endHostCalls();
        result.complete(v);
    }

    // ============================ parking ============================

    /** Parks {@code t}; {@code onCancel} undoes the registration if the task is cancelled. */
    Value park(Task t, String waitingOn, Runnable onCancel) {
        t.waitingOn = waitingOn;
        info(t).cancelWait = onCancel;
        return CallContext.SUSPEND;
    }

    void wake(Task t, Value v) {
        TaskInfo info = info(t);
        if (info.finished || finished) return;
        abandonWait(info); // whatever else it waited on (a timeout's timer, a queue) is dropped
        t.waitingOn = null;
        t.resume(v);
        enqueue(t);
    }

    void wakeWithError(Task t, IonException e) {
        TaskInfo info = info(t);
        if (info.finished || finished) return;
        abandonWait(info);
        t.waitingOn = null;
        t.resumeWithError(e);
        enqueue(t);
    }

    private void endHostCalls() {
        for (CompletableFuture<Value> f : hostCalls) {
            f.completeExceptionally(IonException.runtime("the run finished before the call completed"));
        }
        hostCalls.clear();
    }

    private void abandonWait(TaskInfo i) {
        Runnable c = i.cancelWait;
        i.cancelWait = null;
        if (c != null) c.run();
    }

    Cancellable timer(long ms, Runnable action) {
        pendingTimers++;
        boolean[] done = {false};
        Cancellable c = loop.schedule(ms, () -> {
            if (done[0]) return;
            done[0] = true;
            pendingTimers--;
            action.run();
        });
        return () -> {
            if (!done[0]) {
                done[0] = true;
                pendingTimers--;
                c.cancel();
            }
        };
    }

    // ============================ task lifecycle ============================

    private void taskDone(TaskInfo info, Value v) {
        if (info.task == root) {
            closeAll(info);
            succeed(v);
            return;
        }
        finish(info, v, null);
    }

    private void taskFailed(TaskInfo info, IonException e) {
        if (e.kind() == ErrorKind.LIMIT || e.kind() == ErrorKind.CANCELLED || info.task == root) {
            fail(e);
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
        listener.onTaskFinished(info.task.id);
        List<Task> waiting = new ArrayList<>(info.awaiters);
        info.awaiters.clear();
        List<Runnable> watchers = new ArrayList<>(info.watchers);
        info.watchers.clear();
        if (info.racer != null) {
            info.racer.finished(info, v, e);
        } else if (e != null && waiting.isEmpty() && watchers.isEmpty() && info.nursery != null && !info.cancelled) {
            nurseryFailed(info.nursery, e);
        }
        for (Runnable w : watchers) w.run();
        for (Task w : waiting) {
            if (info.cancelled) wakeWithError(w, IonException.runtime("task was cancelled"));
            else if (e != null) wakeWithError(w, TaskInfo.rethrow(e));
            else wake(w, v);
        }
        leaveNursery(info);
    }

    private void leaveNursery(TaskInfo info) {
        Nursery n = info.nursery;
        if (n == null) return;
        n.children.remove(info);
        if (n.closing && n.children.isEmpty() && n.failure == null) {
            n.closing = false;
            popNursery(n);
            wake(n.owner.task, n.bodyValue);
        }
    }

    private void popNursery(Nursery n) {
        n.owner.openNurseries.remove(n);
    }

    /** Cancels a task and everything below it; it leaves every queue at once. */
    void cancelTask(TaskInfo info) {
        if (info.finished) return;
        info.cancelled = true;
        closeAll(info);
        abandonWait(info);
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
        abandonWait(owner);
        queue.remove(owner.task);
        Task t = owner.task;
        t.truncateHandlers(n.handlerCount);
        if (t.raise(TaskInfo.rethrow(e))) {
            enqueue(t);
        } else {
            taskFailed(owner, t.error);
        }
    }

    // ============================ TaskHost ============================

    @Override
    public void openNursery(Task task) {
        TaskInfo info = info(task);
        info.openNurseries.add(new Nursery(info, task.frameIndex(), task.handlerCount()));
    }

    @Override
    public Value closeNursery(Task task, Value bodyValue) {
        TaskInfo info = info(task);
        Nursery n = info.innermostNursery();
        if (n == null) return bodyValue;
        if (n.children.isEmpty()) {
            popNursery(n);
            return bodyValue;
        }
        n.closing = true;
        n.bodyValue = bodyValue;
        return park(task, "the children of an async block", () -> n.closing = false);
    }

    @Override
    public void abandonNurseries(Task task, int handlerCount) {
        TaskInfo info = info(task);
        while (!info.openNurseries.isEmpty()) {
            Nursery n = info.innermostNursery();
            if (n.handlerCount <= handlerCount) break;
            cancelChildren(n, null);
            info.openNurseries.remove(info.openNurseries.size() - 1);
        }
    }

    @Override
    public Value spawn(Task task, Value fn) {
        TaskInfo info = info(task);
        Nursery n = info.innermostNursery();
        if (n == null) n = info.nursery != null && !info.nursery.owner.finished ? info.nursery : null;
        if (n == null) throw IonException.runtime("spawn is only allowed inside async {}");
        Task child = newTask((Closure) fn, n);
        enqueue(child);
        return info(child);
    }

    @Override
    public Value await(Task task, Value handle) {
        if (!(handle instanceof TaskInfo target)) {
            throw IonException.type("'.await' expects a task handle, got " + handle.typeName());
        }
        if (target.finished) return ((OptionValue) target.outcome()).value();
        target.awaiters.add(task);
        return park(task, "task " + target.task.id, () -> target.awaiters.remove(task));
    }

    Value awaitTimeout(Task task, TaskInfo target, long ms) {
        if (target.finished) return target.outcome();
        Cancellable[] timer = new Cancellable[1];
        Runnable watcher = () -> {
            timer[0].cancel();
            try {
                wake(task, target.outcome());
            } catch (IonException e) {
                wakeWithError(task, e);
            }
        };
        target.watchers.add(watcher);
        timer[0] = timer(Math.max(0, ms), () -> {
            target.watchers.remove(watcher);
            wake(task, OptionValue.NONE);
        });
        return park(task, "task " + target.task.id + " (with timeout)", () -> {
            target.watchers.remove(watcher);
            timer[0].cancel();
        });
    }

    @Override
    public Value select(Task task, Value[] arms) {
        TaskInfo selector = info(task);
        TaskInfo[] racers = new TaskInfo[arms.length];
        boolean[] done = {false};
        for (int i = 0; i < arms.length; i++) {
            int arm = i;
            Task t = newTask((Closure) arms[i], null);
            racers[i] = info(t);
            racers[i].racer = (info, v, e) -> {
                if (done[0] || info.cancelled) return;
                done[0] = true;
                for (TaskInfo r : racers) if (r != null && r != info) cancelTask(r);
                if (e != null) {
                    wakeWithError(task, TaskInfo.rethrow(e));
                } else {
                    wakeAfter(task, TupleValue.of(IntValue.of(arm), v), listener.onSelect(arm, v));
                }
            };
            enqueue(t);
        }
        return park(task, "select", () -> {
            done[0] = true;
            for (TaskInfo r : racers) cancelTask(r);
        });
    }

    @Override
    public Value parkUntil(Task task, CompletionStage<?> stage, Value value) {
        return park(task, "a slow event consumer", external(stage, (v, err) -> wake(task, value)));
    }

    /** Wakes a parked task with {@code value}, but only once the event stage completes. */
    void wakeAfter(Task task, Value value, CompletionStage<?> stage) {
        if (stage == null || stage.toCompletableFuture().isDone()) {
            wake(task, value);
            return;
        }
        TaskInfo info = info(task);
        abandonWait(info);
        info.cancelWait = external(stage, (v, err) -> wake(task, value));
        task.waitingOn = "a slow event consumer";
    }

    /**
     * Counts {@code stage} as something that can still wake a task (so no deadlock is reported
     * meanwhile) and runs {@code onDone} on the loop when it completes, unless the returned
     * cancel action ran first.
     */
    private <T> Runnable external(CompletionStage<T> stage, BiConsumer<T, Throwable> onDone) {
        pendingHostCalls++;
        boolean[] settled = {false};
        stage.whenComplete((v, err) -> loop.execute(() -> {
            if (settled[0]) return;
            settled[0] = true;
            pendingHostCalls--;
            onDone.accept(v, err);
        }));
        return () -> {
            if (!settled[0]) {
                settled[0] = true;
                pendingHostCalls--;
            }
        };
    }

    /** The value a running task gets at once, unless the event stage asks it to wait. */
    Value afterEvent(Task task, Value value, CompletionStage<?> stage) {
        if (stage == null || stage.toCompletableFuture().isDone()) return value;
        return parkUntil(task, stage, value);
    }

    // ============================ host-facing channels and calls ============================

    /** The run's input channels: an open one can wake the tasks parked receiving from it. */
    private final List<Channel> inputs = new CopyOnWriteArrayList<>();

    /** Whether a task is parked on an open input channel (in recv or a select arm), which the host may feed. */
    private boolean someoneAwaitsInput() {
        for (Channel c : inputs) if (c.hasWaitingReceivers()) return true;
        return false;
    }

    /** Creates an input channel bound to the global {@code name}; call before the script reads it. */
    public InputChannel inputChannel(String name, int capacity) {
        Channel c = new Channel(this, nextChannelId++, Math.max(1, capacity));
        run.dynamicGlobals.put(name, new ChannelEnd(c, false));
        inputs.add(c);
        boolean[] closed = {false};
        return new InputChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long channelId() {
                return c.id;
            }

            @Override
            public CompletableFuture<Void> offer(Value value) {
                CompletableFuture<Void> accepted = new CompletableFuture<>();
                loop.execute(() -> {
                    if (finished) accepted.completeExceptionally(new IllegalStateException("the run has finished"));
                    else c.hostSend(value, accepted);
                });
                return accepted;
            }

            @Override
            public void close() {
                loop.execute(() -> {
                    if (closed[0]) return;
                    closed[0] = true;
                    c.close();
                    if (!finished && queue.isEmpty()) checkDeadlock();
                });
            }
        };
    }

    /** Calls the script's top-level function {@code name} as a new task once the script's globals exist. */
    public CompletableFuture<Value> callAsync(String name, Value[] args) {
        CompletableFuture<Value> out = new CompletableFuture<>();
        loop.execute(() -> afterPrologue(() -> {
            Value fn = null;
            for (int i = 0; i < run.globalNames.length; i++) {
                if (run.globalNames[i].equals(name)) fn = run.globals[i];
            }
            if (finished) {
                out.completeExceptionally(new IllegalStateException("the run has finished"));
            } else if (!(fn instanceof Closure c)) {
                out.completeExceptionally(IonException.name("no top-level function '" + name + "' in the script"));
            } else {
                try {
                    Task t = newCallTask(c, args);
                    hostCalls.add(out);
                    info(t).racer = (info, v, e) -> {
                        hostCalls.remove(out);
                        if (e != null) out.completeExceptionally(e);
                        else if (info.cancelled) out.completeExceptionally(IonException.cancelled());
                        else out.complete(v);
                    };
                    enqueue(t);
                } catch (IonException e) {
                    out.completeExceptionally(e);
                }
            }
        }));
        return out;
    }

    /** Futures of {@link #callAsync} calls still running; failed when the run ends first. */
    private final Set<CompletableFuture<Value>> hostCalls = new LinkedHashSet<>();
    private boolean prologueDone;
    private final List<Runnable> afterPrologue = new ArrayList<>();

    /** Runs {@code r} once the root task has had its first turn (its top-level functions exist). */
    private void afterPrologue(Runnable r) {
        if (prologueDone || finished) r.run();
        else afterPrologue.add(r);
    }

    // ============================ built-ins that park ============================

    @Override
    public Value sleep(Task task, long ms) {
        if (ms <= 0) {
            task.resume(UnitValue.UNIT);
            queue.add(task);
            scheduleDrain();
            return park(task, "sleep(0)", () -> { });
        }
        Cancellable c = timer(ms, () -> wake(task, UnitValue.UNIT));
        return park(task, "sleep(" + ms + ")", c::cancel);
    }

    @Override
    public Value timeout(Task task, long ms, Value fn) {
        Task child = newTask(asClosure(fn), null);
        TaskInfo ci = info(child);
        Cancellable[] timer = new Cancellable[1];
        ci.racer = (info, v, e) -> {
            if (info.cancelled) return;
            timer[0].cancel();
            if (e != null) wakeWithError(task, TaskInfo.rethrow(e));
            else wake(task, OptionValue.some(v));
        };
        timer[0] = timer(Math.max(0, ms), () -> {
            ci.racer = null;
            cancelTask(ci);
            wake(task, OptionValue.NONE);
        });
        enqueue(child);
        return park(task, "timeout", () -> {
            timer[0].cancel();
            ci.racer = null;
            cancelTask(ci);
        });
    }

    private Closure asClosure(Value fn) {
        if (fn instanceof Closure c && c.proto.params.names.length == 0) return c;
        throw IonException.type("timeout() expects a function of no arguments, got " + fn.typeName());
    }

    /**
     * Parks the task until a host future completes; completion comes back through the loop. Synchronous
     * {@code eval} cannot wait for host futures: it fails naming the function, before calling it.
     */
    @Override
    public Value awaitHost(Task task, String name, Supplier<CompletionStage<Value>> start) {
        if (synchronous) {
            throw IonException.runtime("async host function '" + name
                    + "' cannot be called from synchronous eval (use evalAsync or start)");
        }
        CompletableFuture<Value> future = start.get().toCompletableFuture();
        Runnable stopWaiting = external(future, (v, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                wakeWithError(task, cause instanceof IonException ie ? new IonException(ErrorKind.RUNTIME,
                        ie.getMessage(), 0, 0) : IonException.runtime(name + "() failed: " + cause.getMessage()));
            } else {
                wake(task, v == null ? UnitValue.UNIT : v);
            }
        });
        return park(task, "host function " + name + "()", () -> {
            stopWaiting.run();
            future.cancel(true);
        });
    }

    @Override
    public Value channel(int capacity) {
        Channel c = new Channel(this, nextChannelId++, capacity);
        return TupleValue.of(new ChannelEnd(c, true), new ChannelEnd(c, false));
    }

    CompletionStage<?> onRecv(long channel, Task task, Value v) {
        return listener.onRecv(channel, task.id, v);
    }
}
