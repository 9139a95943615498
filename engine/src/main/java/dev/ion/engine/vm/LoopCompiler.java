package dev.ion.engine.vm;

import dev.ion.engine.compile.Proto;

/**
 * Makes {@link CompiledLoops} for a function: the service the second tier looks up with
 * {@link java.util.ServiceLoader}, so that the engine itself needs no bytecode library. Without an
 * implementation on the class path every function is interpreted.
 */
public interface LoopCompiler {
    /**
     * JVM code for the loops of {@code proto} worth compiling, or null when there are none (or the
     * compiler is switched off). The code's classes live in this package, so that they can use the
     * interpreter's task, frame and {@code TierOps}.
     */
    CompiledLoops compile(Proto proto);

    /**
     * Called on the compiler thread when the engine first runs a script, before any function is hot: a
     * chance to load and exercise the compiler's own code, so that the first real compilation, moments
     * later, is not also the first time its classes are loaded and run.
     */
    default void warmUp() {
    }

    /**
     * Whether every function's loops should be compiled the first time they run, on the running thread,
     * with compiler errors thrown: for tests that put every loop of a script through the tier.
     */
    default boolean eager() {
        return false;
    }
}
