package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What all tasks of one run share: global slots, limits and the counters they are
 * enforced against, and the embedder's output and log sinks.
 */
public final class RunState {
    public final Value[] globals;
    public final String[] globalNames;
    public final Limits limits;
    final long startNanos;
    final long deadlineNanos;
    long fuelUsed;
    long outputBytes;
    long allocatedBytes;
    long peakBytes;
    private final Function<String, CompletionStage<?>> output;
    /** Globals the host adds after compilation (input channels), looked up by name at run time. */
    public final Map<String, Value> dynamicGlobals = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> log;
    final RandomGenerator random;
    /** The concurrency runtime, or null under synchronous evaluation. */
    public TaskHost host;
    /** The tasks whose stacks are memory roots (set by the scheduler). */
    public Supplier<Iterable<Task>> liveTasks = List::of;
    /** Enforces {@code max_memory_bytes} by measuring what the run holds, in slices. */
    public final MemoryCheck memory = new MemoryCheck(this);
    /** Instructions a task runs before it yields to the scheduler. */
    public int quantum = 10_000;
    volatile boolean cancelled;

    public RunState(int globalCount, String[] globalNames, Limits limits,
                    Function<String, CompletionStage<?>> output,
                    BiConsumer<String, String> log, RandomGenerator random) {
        this.globals = new Value[globalCount];
        this.globalNames = globalNames;
        this.limits = limits;
        this.output = output;
        this.log = log;
        this.random = random;
        this.startNanos = System.nanoTime();
        long d = limits.deadlineMs();
        this.deadlineNanos = d == Limits.UNLIMITED || d > Long.MAX_VALUE / 2_000_000 ? Long.MAX_VALUE
                : startNanos + d * 1_000_000L;
    }

    /** Milliseconds since the run started ({@code task::sleep_until} counts from there). */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /**
     * Charges fuel for work the engine starts for the script outside any instruction (a {@code task::retry}
     * attempt); fails with the fuel limit once the run's fuel is spent.
     */
    public void spendFuel(long units) {
        long fuel = limits.fuel();
        fuelUsed = fuelUsed > fuel - units ? fuel + 1 : fuelUsed + units;
        if (fuelUsed > fuel) {
            fuelUsed = fuel;
            throw IonException.limit("fuel", fuel);
        }
    }

    public long fuelUsed() {
        return fuelUsed;
    }

    public long outputBytes() {
        return outputBytes;
    }

    /**
     * The largest held size known for the run: the size measured by each memory check, and in
     * between the last measured size plus what was allocated since while that stays within
     * {@code max_memory_bytes} (past it, the check that follows replaces it by the measured size).
     */
    public long peakMemoryBytes() {
        return peakBytes;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Fails with the deadline limit if it has passed. */
    public void checkDeadline() {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw IonException.limit("deadline_ms", limits.deadlineMs());
        }
    }

    /** Writes output, all or nothing, against {@code max_output_bytes}; returns the sink's back-pressure stage. */
    CompletionStage<?> print(String text) {
        long n = utf8Length(text);
        if (outputBytes + n > limits.maxOutputBytes()) {
            throw IonException.limit("max_output_bytes", limits.maxOutputBytes());
        }
        outputBytes += n;
        return output.apply(text);
    }

    void log(String level, String message) {
        log.accept(level, message);
    }

    /** The threshold set by {@code log::set_level}; {@code "trace"} (every record) until a script changes it. */
    String logLevel = "trace";

    static long utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
