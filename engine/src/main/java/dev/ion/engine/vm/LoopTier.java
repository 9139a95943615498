package dev.ion.engine.vm;

import dev.ion.engine.compile.LoopCode;
import dev.ion.engine.compile.Proto;

import java.lang.invoke.MethodHandles;
import java.util.ServiceLoader;

/**
 * When the second tier compiles a function's loops: once the interpreter has ended {@link #HOT_TURNS} turns
 * in its code (a turn is at most a quantum of instructions, so a loop qualifies after some tens of thousands
 * of them), through the {@link LoopCompiler} found on the class path.
 *
 * <p>The system property {@code ion.tier} chooses: {@code on} (the default), {@code off} (interpret
 * everything), or {@code eager} (compile a function's loops the first time one of them runs, and fail on a
 * compiler error instead of interpreting: how tests put every loop of a script through the tier).
 */
final class LoopTier {
    private LoopTier() {
    }

    static final int HOT_TURNS = 3;
    private static final String MODE = System.getProperty("ion.tier", "on");
    static final boolean EAGER = MODE.equals("eager");
    private static final boolean OFF = MODE.equals("off");

    /** The task's turn ended in {@code frame}: counts it towards the function's compilation. */
    static void turnEnded(Frame frame) {
        Proto p = frame.proto;
        if (p != null && p.tierState == LoopCode.UNTRIED && ++p.hotTurns >= HOT_TURNS) compile(p);
    }

    /** Compiles the loops of {@code p} unless that was tried before. */
    static void compile(Proto p) {
        synchronized (p) {
            if (p.tierState != LoopCode.UNTRIED) return;
            CompiledLoops code = null;
            try {
                code = OFF || Installed.COMPILER == null ? null : Installed.COMPILER.compile(p, MethodHandles.lookup());
            } catch (RuntimeException | LinkageError e) {
                if (EAGER) throw e;
                // a function the compiler cannot handle is interpreted, as it always was
            }
            p.loopCode = code;
            p.tierState = code != null ? LoopCode.COMPILED : LoopCode.DECLINED;
        }
    }

    /** Looked up on first use only: the class-path scan costs nothing to runs that never get hot. */
    private static final class Installed {
        static final LoopCompiler COMPILER = ServiceLoader.load(LoopCompiler.class, LoopTier.class.getClassLoader())
                .findFirst().orElse(null);
    }
}
