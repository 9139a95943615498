package dev.ion.engine.vm;

import dev.ion.engine.compile.Proto;

import java.lang.invoke.MethodHandles;

/**
 * Makes {@link CompiledLoops} for a function: the service the second tier looks up with
 * {@link java.util.ServiceLoader}, so that the engine itself needs no bytecode library. Without an
 * implementation on the class path every function is interpreted.
 */
public interface LoopCompiler {
    /**
     * JVM code for the loops of {@code proto} worth compiling, or null when there are none. The code's
     * classes must be defined through {@code vm}, a lookup with full access to this package, so that they
     * can use the interpreter's task, frame and {@code TierOps}.
     */
    CompiledLoops compile(Proto proto, MethodHandles.Lookup vm);
}
