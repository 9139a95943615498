package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.EventLoop;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.RunState;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskHost;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Drives the tasks of one run on an {@link EventLoop} (LANGUAGE.md §10) and coordinates the parts that do
 * the work: the run queue ({@link TurnDriver}), the task tree and nurseries ({@link TaskTree}), timers
 * ({@link Timers}), races ({@link Races}), host futures ({@link HostFutures}), host entry points
 * ({@link HostCalls}) and deadlock detection ({@link DeadlockCheck}). It owns the run's lifecycle — start,
 * the deadline, cancellation, the result — and parking and waking tasks. Everything here runs on the loop,
 * one callback at a time; host futures report back through {@link EventLoop#execute}.
 */
public final class Scheduler implements TaskHost {
    final RunState run;
    final EventLoop loop;
    final RunListener listener;
    final boolean synchronous;
    final TurnDriver turns = new TurnDriver(this);
    final TaskTree tasks = new TaskTree(this);
    final Timers timers = new Timers(this);
    final Races races = new Races(this);
    final HostFutures futures = new HostFutures(this);
    final HostCalls host = new HostCalls(this);
    final DeadlockCheck deadlock = new DeadlockCheck(this);
    private final CompletableFuture<Value> result = new CompletableFuture<>();
    private boolean finished;
    private long nextChannelId;
    private Task root;
    private Cancellable deadlineTimer;

    public Scheduler(RunState run, EventLoop loop, RunListener listener, boolean synchronous) {
        this.run = run;
        this.loop = loop;
        this.listener = listener;
        this.synchronous = synchronous;
        run.host = this;
        run.liveTasks = () -> tasks.live().stream().map(i -> i.task).toList();
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
        return tasks.tasksStarted();
    }

    /** The main task, once started. */
    Task root() {
        return root;
    }

    long nextChannelId() {
        return nextChannelId++;
    }

    static TaskInfo info(Task t) {
        return (TaskInfo) t.hostData;
    }

    // ============================ the run's lifecycle ============================

    /** Starts the script's main function as the root task. */
    public void start(Closure main) {
        loop.execute(() -> {
            root = tasks.newTask(main, null);
            long d = run.limits.deadlineMs();
            if (d != Limits.UNLIMITED) {
                deadlineTimer = loop.schedule(d, () -> fail(located(IonException.limit("deadline_ms", d))));
            }
            turns.enqueue(root);
        });
    }

    /** Cancels the whole run: every task, timer and host future. */
    public void cancel() {
        run.cancel();
        loop.execute(() -> fail(located(IonException.cancelled())));
    }

    IonException located(IonException e) {
        return ErrorPlacement.located(e, turns.lastRun(), root);
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
        turns.forgetMemoryCheck();
        tasks.abandonAll();
        turns.clear();
        if (deadlineTimer != null) deadlineTimer.cancel();
        host.endAll();
        result.completeExceptionally(e);
    }

    void succeed(Value v) {
        if (finished) return;
        finished = true;
        run.memory.abandon();
        turns.forgetMemoryCheck();
        tasks.abandonAll();
        if (deadlineTimer != null) deadlineTimer.cancel();
        host.endAll();
        result.complete(v);
    }

    // ============================ parking ============================

    /** Parks {@code t}; {@code onCancel} undoes the registration if the task is cancelled. */
    Value park(Task t, Object waitingOn, Runnable onCancel) {
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
        turns.enqueue(t);
    }

    void wakeWithError(Task t, IonException e) {
        TaskInfo info = info(t);
        if (info.finished || finished) return;
        abandonWait(info);
        t.waitingOn = null;
        t.resumeWithError(e);
        turns.enqueue(t);
    }

    void abandonWait(TaskInfo i) {
        Runnable c = i.cancelWait;
        i.cancelWait = null;
        if (c != null) c.run();
    }

    CompletionStage<?> onRecv(long channel, Task task, Value v) {
        return listener.onRecv(channel, task.id, v);
    }

    // ============================ the host's entry points ============================

    /** Creates an input channel bound to the global {@code name}; call before the script reads it. */
    public InputChannel inputChannel(String name, int capacity) {
        return host.inputChannel(name, capacity);
    }

    /** Calls the script's top-level function {@code name} as a new task once the script's globals exist. */
    public CompletableFuture<Value> callAsync(String name, Value[] args) {
        return host.callAsync(name, args);
    }

    // ============================ TaskHost ============================

    @Override
    public void openNursery(Task task) {
        tasks.openNursery(task);
    }

    @Override
    public Value closeNursery(Task task, Value bodyValue) {
        return tasks.closeNursery(task, bodyValue);
    }

    @Override
    public void abandonNurseries(Task task, int handlerCount) {
        tasks.abandonNurseries(task, handlerCount);
    }

    @Override
    public Value spawn(Task task, Value fn) {
        return tasks.spawn(task, fn);
    }

    @Override
    public Value await(Task task, Value handle) {
        return tasks.await(task, handle);
    }

    @Override
    public Value select(Task task, Value[] arms) {
        return races.select(task, arms);
    }

    @Override
    public Value parkUntil(Task task, CompletionStage<?> stage, Value value) {
        return futures.parkUntil(task, stage, value);
    }

    @Override
    public Value sleep(Task task, long ms) {
        return timers.sleep(task, ms);
    }

    @Override
    public Value timeout(Task task, long ms, Value fn) {
        return races.timeout(task, ms, fn);
    }

    @Override
    public Value awaitHost(Task task, String name, Supplier<CompletionStage<Value>> start) {
        return futures.awaitHost(task, name, start);
    }

    @Override
    public Value channel(int capacity) {
        Channel c = new Channel(this, nextChannelId(), capacity);
        return TupleValue.of(new ChannelEnd(c, true), new ChannelEnd(c, false));
    }
}
