package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Continuation;
import dev.ion.engine.value.Meter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * One Ion task: its heap call stack (frames), value stack, try handlers and status.
 * Suspending a task is just returning from the interpreter loop with this state kept;
 * nothing of a task lives on the Java stack between turns.
 */
public final class Task implements CallContext, Meter.Sink {
    public enum Status { NEW, RUNNABLE, RUNNING, PARKED, DONE, FAILED, CANCELLED }

    public final RunState run;
    public final int id;
    /** The run's {@code max_call_depth}, kept here for the call fast path. */
    final int maxCallDepth;
    Value[] stack = new Value[64];
    int sp;
    Frame[] frames = new Frame[16];
    int fp = -1;
    final List<Handler> handlers = new ArrayList<>();
    public Status status = Status.NEW;
    public Value result;
    public IonException error;
    /** Budget of instructions left in the current turn (fuel and quantum). */
    long budget;
    long turnBudget;

    // A pending callback requested by a native through call().
    Value pendingFn;
    Value[] pendingArgs;
    Continuation pendingContinuation;

    /** Set when an event sink asked the task to wait before going on. */
    CompletionStage<?> backpressure;
    /** Name of the native being called, for stack traces. */
    String nativeName;
    /** Where the result of the native call that parked this task goes. */
    int parkedSlot = -1;
    Value resumeValue;
    IonException resumeError;
    /** The runtime's per-task bookkeeping (nurseries, waiters). */
    public Object hostData;
    /** What the task is waiting on, for deadlock reports: its {@code toString()} says it (made only when asked). */
    public Object waitingOn;
    /**
     * True while the task stands before the instruction at its frame's pc (it ran out of its turn's
     * budget there); otherwise it stands in the instruction just before the pc (running or parked in it).
     */
    boolean betweenInstructions;

    public Task(RunState run, int id, Closure entry) {
        this.run = run;
        this.id = id;
        this.maxCallDepth = run.limits.maxCallDepth();
        stack[0] = entry;
        pushFrame(entry, 1);
        sp = 1 + entry.proto.maxLocals;
    }

    /** A task that starts by calling {@code entry(args…)}. */
    public Task(RunState run, int id, Closure entry, Value[] args) {
        this.run = run;
        this.id = id;
        this.maxCallDepth = run.limits.maxCallDepth();
        ensureStack(args.length + 2);
        stack[0] = entry;
        Value[] slots = entry.proto.params.simple && args.length == entry.proto.params.names.length ? args
                : Binder.bind(entry.proto.name, entry.proto.params, args, args.length, null);
        ensureStack(slots.length + 2);
        System.arraycopy(slots, 0, stack, 1, slots.length);
        pushFrame(entry, 1);
        sp = 1 + entry.proto.maxLocals;
    }

    // ---- frames ------------------------------------------------------------------

    Frame pushFrame(Closure c, int base) {
        if (fp + 1 >= frames.length) growFrames();
        int index = ++fp;
        Frame f = frameAt(index);
        f.enterIon(c, base);
        Proto p = c.proto;
        ensureStack(base + p.frameSize);
        return f;
    }

    Frame pushNativeFrame(String name, int resultSlot, Continuation k) {
        if (fp + 1 >= frames.length) growFrames();
        int index = ++fp;
        Frame f = frameAt(index);
        f.closure = null;
        f.proto = null;
        f.code = null;
        f.constants = null;
        f.pc = 0;
        f.base = resultSlot + 1;
        f.continuation = k;
        f.resultSlot = resultSlot;
        f.nativeName = name;
        return f;
    }

    /** The frame at {@code index}, made (and linked to the one below) the first time the task gets that deep. */
    private Frame frameAt(int index) {
        Frame f = frames[index];
        if (f == null) {
            f = new Frame(index, index == 0 ? null : frames[index - 1]);
            frames[index] = f;
        }
        return f;
    }

    /** Bytes one frame slot costs (the frame object and its reference), for memory accounting. */
    static final int FRAME_BYTES = 64;

    private void growFrames() {
        allocate((long) FRAME_BYTES * frames.length);
        frames = Arrays.copyOf(frames, frames.length * 2);
    }

    void ensureStack(int needed) {
        if (needed > stack.length) {
            int size = Math.max(needed + 16, stack.length * 2);
            allocate(8L * (size - stack.length));
            stack = Arrays.copyOf(stack, size);
        }
    }



    // ---- resumption (used by the concurrency runtime) -------------------------------

    /** Delivers the outcome of the operation the task parked on; run it again afterwards. */
    public void resume(Value value) {
        resumeValue = value;
        resumeError = null;
    }

    public void resumeWithError(IonException e) {
        resumeValue = null;
        resumeError = e;
    }


    /** The concurrency runtime; fails when there is none (synchronous evaluation). */
    public TaskHost host() {
        TaskHost h = run.host;
        if (h == null) throw IonException.runtime("concurrency is not available in this context");
        return h;
    }

    /** Index of the innermost frame (0 for the task's entry function). */
    public int frameIndex() {
        return fp;
    }

    public int handlerCount() {
        return handlers.size();
    }

    /** Drops the handlers installed after the first {@code n} (they belong to an aborted scope). */
    public void truncateHandlers(int n) {
        while (handlers.size() > n) handlers.remove(handlers.size() - 1);
    }

    /**
     * Raises {@code e} in this (not running) task, abandoning whatever it was parked on:
     * returns true if a handler caught it and the task can run on, false if it failed.
     */
    public boolean raise(IonException e) {
        parkedSlot = -1;
        resumeValue = null;
        resumeError = null;
        return Unwinding.raise(this, e);
    }

    // ---- CallContext -------------------------------------------------------------

    @Override
    public Value call(Value fn, Value[] args, Continuation then) {
        pendingFn = fn;
        pendingArgs = args;
        pendingContinuation = then;
        return SUSPEND;
    }

    @Override
    public void charge(long units) {
        if (units > 0) budget -= units;
    }

    @Override
    public void allocate(long bytes) {
        if (bytes <= 0) return;
        RunState r = run;
        r.allocatedBytes += bytes;
        if (r.allocatedBytes <= r.limits.maxMemoryBytes()) {
            if (r.allocatedBytes > r.peakBytes) r.peakBytes = r.allocatedBytes;
        } else if (r.host == null) {
            r.memory.measureNow(this);
        } else {
            // measured once this instruction is over (the task yields), in slices between loop callbacks
            r.memory.crossed(this);
        }
    }

    @Override
    public void spend(long units) {
        budget -= units;
        if (budget < 0) TurnBudget.checkpoint(this);
    }

    @Override
    public void checkSize(long bytes) {
        if (bytes > run.limits.maxMemoryBytes()) throw memoryLimit();
    }

    /** Fails before allocating when a single request is larger than the memory limit. */
    void reserve(long bytes) {
        if (bytes > run.limits.maxMemoryBytes()) throw memoryLimit();
        allocate(bytes);
    }

    IonException memoryLimit() {
        return IonException.limit("max_memory_bytes", run.limits.maxMemoryBytes());
    }

    @Override
    public void print(String text) {
        CompletionStage<?> stage = run.print(text);
        if (stage != null && !stage.toCompletableFuture().isDone()) backpressure = stage;
    }

    @Override
    public void log(String level, String message) {
        run.log(level, message);
    }

    @Override
    public String logLevel() {
        return run.logLevel;
    }

    @Override
    public void setLogLevel(String level) {
        run.logLevel = level;
    }

    @Override
    public RandomGenerator random() {
        return run.random;
    }

    @Override
    public Limits limits() {
        return run.limits;
    }

    /** The Ion stack trace, innermost first. */
    List<IonException.TraceEntry> trace() {
        List<IonException.TraceEntry> out = new ArrayList<>();
        for (int i = fp; i >= 0 && out.size() < 64; i--) {
            Frame f = frames[i];
            if (f.isNative()) {
                out.add(new IonException.TraceEntry(f.nativeName, 0, 0));
            } else {
                int pc = positionPc(i);
                if (f.proto.line(pc) == 0) continue; // an engine helper (task module), not script code
                out.add(new IonException.TraceEntry(f.proto.name, f.proto.line(pc), f.proto.column(pc)));
            }
        }
        return out;
    }

    /** The code index whose source position says where the Ion frame at {@code index} stands. */
    private int positionPc(int index) {
        Frame f = frames[index];
        return index == fp && betweenInstructions ? f.pc : Math.max(0, f.pc - 1);
    }

    /**
     * {@code e} placed where this task stands (the instruction running, or the one it is suspended in)
     * with its stack trace, unless {@code e} already has a position and a trace.
     */
    public IonException locate(IonException e) {
        if (fp < 0) return e;
        if (e.line() == 0) {
            for (int i = fp; i >= 0; i--) {
                if (!frames[i].isNative()) {
                    int pc = positionPc(i);
                    if (frames[i].proto.line(pc) == 0) continue;
                    return e.at(frames[i].proto.line(pc), frames[i].proto.column(pc), trace());
                }
            }
            return e;
        }
        return e.trace().isEmpty() ? e.at(e.line(), e.column(), trace()) : e;
    }

    @Override
    public String toString() {
        return "task " + id;
    }
}
