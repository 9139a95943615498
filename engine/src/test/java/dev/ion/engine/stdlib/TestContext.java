package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Continuation;
import dev.ion.engine.value.NativeFn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A CallContext for unit tests that behaves like the VM: {@code call} only records the request, and
 * {@link #run} trampolines callbacks and continuations in a loop (never recursively), keeping
 * continuations of nested native callbacks on an explicit stack.
 */
final class TestContext implements CallContext {
    long fuel;
    long allocated;
    long callbacks;
    int maxStack;
    final StringBuilder out = new StringBuilder();
    final List<String> logs = new ArrayList<>();
    Limits limits;
    RandomGenerator random = new Random(42);

    private Value pendingFn;
    private Value[] pendingArgs;
    private Continuation pendingThen;

    TestContext() {
        this(Limits.unlimited());
    }

    TestContext(Limits limits) {
        this.limits = limits;
    }

    @Override
    public Value call(Value fn, Value[] args, Continuation then) {
        if (pendingThen != null) throw new AssertionError("a native issued two calls without returning");
        pendingFn = fn;
        pendingArgs = args;
        pendingThen = then;
        return SUSPEND;
    }

    @Override
    public void charge(long units) {
        if (units < 0) throw new AssertionError("negative fuel " + units);
        fuel += units;
        if (fuel > limits.fuel()) throw IonException.limit("fuel", limits.fuel());
    }

    @Override
    public void allocate(long bytes) {
        if (bytes < 0) throw new AssertionError("negative allocation " + bytes);
        allocated += bytes;
        if (allocated > limits.maxMemoryBytes()) throw IonException.limit("max_memory_bytes", limits.maxMemoryBytes());
    }

    @Override
    public void print(String text) {
        out.append(text);
    }

    @Override
    public void log(String level, String message) {
        logs.add(level + ": " + message);
    }

    String logLevel = "trace";

    @Override
    public String logLevel() {
        return logLevel;
    }

    @Override
    public void setLogLevel(String level) {
        logLevel = level;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    /** Runs a native to completion, driving every callback it requests. */
    Value run(NativeFn fn, Value... args) {
        ArrayDeque<Continuation> stack = new ArrayDeque<>();
        Value r = fn.call(this, args);
        while (true) {
            if (r == SUSPEND) {
                if (pendingThen == null) throw new AssertionError("SUSPEND without a pending call");
                Value f = pendingFn;
                Value[] a = pendingArgs;
                stack.push(pendingThen);
                pendingFn = null;
                pendingArgs = null;
                pendingThen = null;
                maxStack = Math.max(maxStack, stack.size());
                callbacks++;
                if (!(f instanceof BuiltinFn b)) throw new AssertionError("test callbacks must be BuiltinFn, got " + f.typeName());
                r = b.body().call(this, a);
            } else if (stack.isEmpty()) {
                if (pendingThen != null) throw new AssertionError("a native requested a call but returned a value");
                return r;
            } else {
                r = stack.pop().resume(this, r);
            }
        }
    }
}
