package dev.ion.engine;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Disassembler;
import dev.ion.engine.compile.Environment;
import dev.ion.engine.stdlib.Builtins;
import dev.ion.engine.stdlib.Modules;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.runtime.BlockingPool;
import dev.ion.engine.runtime.ConcurrencyBuiltins;
import dev.ion.engine.runtime.Scheduler;
import dev.ion.engine.runtime.SingleThreadLoop;
import dev.ion.engine.vm.RunState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The embedding API: configure limits, output and host functions, then evaluate Ion
 * source. One engine per run; creating one is cheap.
 */
public final class Engine {
    private static final Map<String, Value> BUILTINS = Builtins.all();
    private static final Map<String, ModuleValue> MODULES = Modules.all();
    private static final Map<String, Value> CONCURRENCY = ConcurrencyBuiltins.all();

    private Limits limits = Limits.unlimited();
    private Consumer<String> output = text -> {
        System.out.print(text);
        System.out.flush();
    };
    private BiConsumer<String, String> logHandler = (level, message) -> { };
    private Long randomSeed;
    private final Map<String, Value> hostGlobals = new LinkedHashMap<>();

    public Engine setLimits(Limits limits) {
        this.limits = limits;
        return this;
    }

    public Limits limits() {
        return limits;
    }

    /** Receives exactly the text the script prints, newlines included. */
    public Engine setOutputHandler(Consumer<String> handler) {
        this.output = handler;
        return this;
    }

    /** Receives the records of the {@code log} module as (level, message). */
    public Engine setLogHandler(BiConsumer<String, String> handler) {
        this.logHandler = handler;
        return this;
    }

    /** Makes the {@code rand} module reproducible. */
    public Engine setRandomSeed(long seed) {
        this.randomSeed = seed;
        return this;
    }

    /** Registers a synchronous host function; throw {@link IonException#runtime} to raise an Ion error. */
    public Engine registerFn(String name, Function<List<Value>, Value> fn) {
        hostGlobals.put(name, new BuiltinFn(name, (cx, args) -> {
            Value v = fn.apply(List.of(args));
            return v == null ? Value.unit() : v;
        }));
        return this;
    }

    /** Registers a module of values under {@code name} (usable as {@code name::member}). */
    public Engine registerModule(String name, Map<String, Value> members) {
        hostGlobals.put(name, new ModuleValue(name, members));
        return this;
    }

    /** Registers a host function returning a future; the calling task parks until it completes. */
    public Engine registerAsyncFn(String name, Function<List<Value>, CompletionStage<Value>> fn) {
        hostGlobals.put(name, ConcurrencyBuiltins.asyncHostFunction(name, fn));
        return this;
    }

    /** Registers a blocking host function; it runs on a bounded worker pool, never on the event loop. */
    public Engine registerBlockingFn(String name, Function<List<Value>, Value> fn) {
        hostGlobals.put(name, ConcurrencyBuiltins.asyncHostFunction(name,
                args -> CompletableFuture.supplyAsync(() -> fn.apply(args), BlockingPool.executor())));
        return this;
    }

    /** Compiles and runs {@code source} to completion on the calling thread. */
    public Value eval(String source) {
        SingleThreadLoop loop = new SingleThreadLoop();
        Scheduler scheduler = launch(source, loop, RunListener.NONE, true);
        loop.runUntil(scheduler::isFinished);
        try {
            return scheduler.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IonException ie) throw ie;
            throw e;
        }
    }

    /** Runs {@code source} on a private single-thread event loop; the future completes with its value. */
    public CompletableFuture<Value> evalAsync(String source) {
        SingleThreadLoop loop = new SingleThreadLoop();
        Scheduler scheduler;
        try {
            scheduler = launch(source, loop, RunListener.NONE, false);
        } catch (IonException e) {
            return CompletableFuture.failedFuture(e);
        }
        Thread t = new Thread(() -> loop.runUntil(scheduler::isFinished), "ion-eval");
        t.setDaemon(true);
        t.start();
        return scheduler.result();
    }

    /** Starts {@code source} on the embedder's event loop; compile errors are thrown at once. */
    public Run start(String source, EventLoop loop) {
        return start(source, loop, RunListener.NONE);
    }

    /**
     * Starts {@code source} on {@code loop}, reporting events to {@code listener}. Input
     * channels created with {@link Run#inputChannel} from the loop's thread right after
     * this call are visible to the script from its first instruction.
     */
    public Run start(String source, EventLoop loop, RunListener listener) {
        Scheduler scheduler = launch(source, loop, listener, false);
        return new Run(scheduler, scheduler.runState());
    }

    private Scheduler launch(String source, EventLoop loop, RunListener listener, boolean synchronous) {
        Compiler.Program program = compile(source);
        RandomGenerator random = randomSeed == null ? new SplittableRandom() : new SplittableRandom(randomSeed);
        Consumer<String> out = output;
        java.util.function.Function<String, CompletionStage<?>> sink = text -> {
            out.accept(text);
            return listener.onOutput(text);
        };
        RunState run = new RunState(program.globalCount(), program.globalNames(), limits, sink, logHandler, random);
        Scheduler scheduler = new Scheduler(run, loop, listener, synchronous);
        scheduler.start(new Closure(program.main(), new Value[0]));
        return scheduler;
    }

    /** Compiles without running; throws the compile error (with every problem) if any. */
    public void check(String source) {
        compile(source);
    }

    /** A human-readable listing of the bytecode of {@code source}. */
    public String disassemble(String source) {
        return Disassembler.disassemble(compile(source).main());
    }

    Compiler.Program compile(String source) {
        return Compiler.compile(source, environment());
    }

    private Environment environment() {
        return new Environment() {
            @Override
            public Value lookup(String name) {
                Value v = hostGlobals.get(name);
                if (v == null) v = BUILTINS.get(name);
                if (v == null) v = CONCURRENCY.get(name);
                if (v == null) v = MODULES.get(name);
                return v;
            }

            @Override
            public Value module(String name) {
                Value v = hostGlobals.get(name);
                if (v instanceof ModuleValue) return v;
                v = MODULES.get(name);
                return v != null ? v : lookup(name);
            }

            @Override
            public String unavailable(String name) {
                return Modules.unavailable(name) ? "module '" + name + "' is not available in the sandbox" : null;
            }
        };
    }
}
