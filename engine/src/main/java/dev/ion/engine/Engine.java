package dev.ion.engine;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Disassembler;
import dev.ion.engine.compile.Environment;
import dev.ion.engine.stdlib.Builtins;
import dev.ion.engine.stdlib.Modules;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Interpreter;
import dev.ion.engine.vm.RunState;
import dev.ion.engine.vm.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    /** Compiles and runs {@code source} to completion on the calling thread. */
    public Value eval(String source) {
        Compiler.Program program = compile(source);
        RunState run = newRunState(program);
        Task root = new Task(run, 0, new Closure(program.main(), new Value[0]));
        while (true) {
            int status = Interpreter.run(root);
            switch (status) {
                case Interpreter.DONE:
                    return root.result;
                case Interpreter.FAILED:
                    throw root.error;
                case Interpreter.PARKED:
                    throw IonException.runtime("deadlock: the script waits but nothing can wake it");
                default:
                    break;
            }
        }
    }

    /** Runs {@code source} on a private single-thread event loop; the future completes with its value. */
    public java.util.concurrent.CompletableFuture<Value> evalAsync(String source) {
        java.util.concurrent.CompletableFuture<Value> f = new java.util.concurrent.CompletableFuture<>();
        try {
            f.complete(eval(source));
        } catch (IonException e) {
            f.completeExceptionally(e);
        }
        return f;
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

    RunState newRunState(Compiler.Program program) {
        RandomGenerator random = randomSeed == null ? new SplittableRandom() : new SplittableRandom(randomSeed);
        return new RunState(program.globalCount(), program.globalNames(), limits, output, logHandler, random);
    }

    private Environment environment() {
        return new Environment() {
            @Override
            public Value lookup(String name) {
                Value v = hostGlobals.get(name);
                if (v == null) v = BUILTINS.get(name);
                if (v == null) v = MODULES.get(name);
                return v;
            }

            @Override
            public String unavailable(String name) {
                return Modules.unavailable(name) ? "module '" + name + "' is not available in the sandbox" : null;
            }
        };
    }
}
