package dev.ion.engine;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Disassembler;
import dev.ion.engine.compile.Environment;
import dev.ion.engine.runtime.BlockingPool;
import dev.ion.engine.runtime.ConcurrencyBuiltins;
import dev.ion.engine.runtime.Scheduler;
import dev.ion.engine.runtime.SingleThreadLoop;
import dev.ion.engine.runtime.TaskModule;
import dev.ion.engine.stdlib.Builtins;
import dev.ion.engine.stdlib.Modules;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.HostTypes;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Interpreter;
import dev.ion.engine.vm.RunState;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final Map<String, Value> CONCURRENCY = ConcurrencyBuiltins.all();

    static {
        // while the first script compiles, the second tier's compiler (if any) can get ready
        Interpreter.prepareSecondTier();
    }

    private Limits limits = Limits.unlimited();

    /** A module of the library ({@code stdlib}) or {@code task}, which needs the scheduler and so lives in the runtime. */
    private static ModuleValue standardModule(String name) {
        return name.equals("task") ? TaskModule.module() : Modules.get(name);
    }

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
            Value v;
            try {
                v = fn.apply(List.of(args));
            } catch (IonException e) {
                throw e;
            } catch (RuntimeException e) {
                throw hostFailure(name, e);
            }
            return v == null ? Value.unit() : v;
        }));
        return this;
    }

    /**
     * The Ion error for a Java exception escaping a host function: a catchable runtime error naming the function,
     * with the exception's message only when it reveals nothing of the host (no class or package names).
     */
    private static IonException hostFailure(String name, Throwable e) {
        String m = e.getMessage();
        boolean safe = m != null && !m.isBlank() && m.length() <= 200 && !m.contains("Exception") && !m.contains("java.")
                && !m.contains("\n") && !m.contains("$");
        return IonException.runtime(name + "() failed in the host" + (safe ? ": " + m : ""));
    }

    /** Calls an async host function, turning a synchronous Java exception into a failed future with an Ion error. */
    private static Function<List<Value>, CompletionStage<Value>> guarded(String name,
            Function<List<Value>, CompletionStage<Value>> fn) {
        return args -> {
            try {
                CompletionStage<Value> stage = fn.apply(args);
                return stage != null ? stage
                        : CompletableFuture.failedFuture(IonException.runtime(name + "() returned no future"));
            } catch (IonException e) {
                return CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(hostFailure(name, e));
            }
        };
    }

    /** Registers a module of values under {@code name} (usable as {@code name::member}). */
    public Engine registerModule(String name, Map<String, Value> members) {
        hostGlobals.put(name, new ModuleValue(name, members));
        return this;
    }

    /**
     * Registers a host struct type. Scripts build values with the literal {@code Name { f: v, … }} (every field,
     * in any order) or the constructor call {@code Name(v, …)} (fields in declaration order), read fields with
     * {@code p.f}, and match them with {@code Name { f, g: pattern }}. Values display as {@code Name { f: v }}.
     *
     * @param name   the type name: an identifier starting with an uppercase letter
     * @param fields the field names, distinct identifiers, in declaration order
     * @throws IllegalArgumentException for an invalid name or a duplicate field
     */
    public Engine registerStruct(String name, String... fields) {
        hostGlobals.put(name, HostTypes.defineStruct(name, fields));
        return this;
    }

    /**
     * Registers a host enum type. Each variant is {@code "Name"} (no payload: the value {@code Enum::Name}) or
     * {@code "Name(n)"} (a payload of {@code n ≥ 1} positional values: {@code Enum::Name(a, …)}). Patterns
     * {@code Enum::Name} and {@code Enum::Name(p, …)} match them; they display as {@code Enum::Name(a, …)}.
     * The enum's name is bound to a namespace of its variants ({@code use Enum::*} imports them).
     *
     * @throws IllegalArgumentException for an invalid name, a malformed or duplicate variant, or no variant
     */
    public Engine registerEnum(String name, String... variants) {
        hostGlobals.put(name, HostTypes.defineEnum(name, variants));
        return this;
    }

    /** Registers a host function returning a future; the calling task parks until it completes. */
    public Engine registerAsyncFn(String name, Function<List<Value>, CompletionStage<Value>> fn) {
        hostGlobals.put(name, ConcurrencyBuiltins.asyncHostFunction(name, guarded(name, fn)));
        return this;
    }

    /** Registers a blocking host function; it runs on a bounded worker pool, never on the event loop. */
    public Engine registerBlockingFn(String name, Function<List<Value>, Value> fn) {
        hostGlobals.put(name, ConcurrencyBuiltins.asyncHostFunction(name,
                args -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return fn.apply(args);
                    } catch (IonException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw hostFailure(name, e);
                    }
                }, BlockingPool.executor())));
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
        return evalAsync(source, run -> { });
    }

    /**
     * Like {@link #evalAsync(String)}, calling {@code setup} with the run before its first instruction
     * (on the calling thread, before the loop starts), so that it can bind input channels with
     * {@link Run#inputChannel} that the script sees from the start.
     */
    public CompletableFuture<Value> evalAsync(String source, Consumer<Run> setup) {
        SingleThreadLoop loop = new SingleThreadLoop();
        Scheduler scheduler;
        try {
            scheduler = launch(source, loop, RunListener.NONE, false);
        } catch (IonException e) {
            return CompletableFuture.failedFuture(e);
        }
        setup.accept(new Run(scheduler, scheduler.runState()));
        Thread t = new Thread(() -> {
            try {
                loop.runUntil(scheduler::isFinished);
            } catch (Throwable e) {
                scheduler.abort(e);
            }
        }, "ion-eval");
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

    /**
     * Compiles {@code source} for {@link #start(Script, EventLoop, RunListener)}; throws the
     * compile error (with every problem) if any.
     */
    public Script prepare(String source) {
        Set<String> hostNamesUsed = new HashSet<>();
        Compiler.Program program = Compiler.compile(source, environment(hostNamesUsed));
        return new Script(program, hostNamesUsed.isEmpty() ? null : this);
    }

    /**
     * Starts a prepared script, as {@link #start(String, EventLoop, RunListener)} starts
     * source. A script that names none of its engine's host registrations runs on any
     * engine; one that names some only on the engine that compiled it (its code holds them).
     */
    public Run start(Script script, EventLoop loop, RunListener listener) {
        if (script.registrations != null && script.registrations != this) {
            throw new IllegalArgumentException("the script was compiled against other host registrations than this"
                    + " engine's: prepare it on this engine");
        }
        Scheduler scheduler = launch(script.program, loop, listener, false);
        return new Run(scheduler, scheduler.runState());
    }

    private Scheduler launch(String source, EventLoop loop, RunListener listener, boolean synchronous) {
        return launch(compile(source), loop, listener, synchronous);
    }

    private Scheduler launch(Compiler.Program program, EventLoop loop, RunListener listener, boolean synchronous) {
        RandomGenerator random = randomSeed == null ? new SplittableRandom() : new SplittableRandom(randomSeed);
        Consumer<String> out = output;
        Function<String, CompletionStage<?>> sink = text -> {
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
        return Compiler.compile(source, environment(new HashSet<>()));
    }

    /** The names a script resolves; those that are host registrations are added to {@code hostNamesUsed}. */
    private Environment environment(Set<String> hostNamesUsed) {
        return new Environment() {
            @Override
            public Value lookup(String name) {
                Value v = hostGlobals.get(name);
                if (v != null) hostNamesUsed.add(name);
                if (v == null) v = BUILTINS.get(name);
                if (v == null) v = CONCURRENCY.get(name);
                if (v == null) v = standardModule(name);
                return v;
            }

            @Override
            public Value module(String name) {
                Value v = hostGlobals.get(name);
                if (v instanceof ModuleValue) {
                    hostNamesUsed.add(name);
                    return v;
                }
                v = standardModule(name);
                return v != null ? v : lookup(name);
            }

            @Override
            public String unavailable(String name) {
                return Modules.unavailable(name) ? Modules.unavailableMessage(name) : null;
            }
        };
    }
}
