package dev.ion.engine.vm;

import dev.ion.engine.compile.LoopCode;
import dev.ion.engine.compile.Proto;

import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * When the second tier compiles a function's loops: once the interpreter has ended {@link #HOT_TURNS} turns
 * in its code (a turn is at most a quantum of instructions, so a loop qualifies after some tens of thousands
 * of them), through the {@link LoopCompiler} the application named or the class path offers. Compiling
 * happens on one background thread — the task keeps interpreting meanwhile and an event loop is never held
 * up by it — and at most once per function: the compiled code is shared by every run of it.
 *
 * <p>Without a compiler every function is interpreted. One that is {@link LoopCompiler#eager} instead
 * compiles a function's loops on the spot the first time one of them runs, and compiler errors fail the run:
 * how tests put every loop of a script through the tier.
 */
final class LoopTier {
    private LoopTier() {
    }

    static final int HOT_TURNS = 3;
    /** The application's choice ({@link Interpreter#useLoopCompiler}), else the first service on the class path. */
    private static final LoopCompiler COMPILER = Interpreter.chosenLoopCompiler() != null
            ? Interpreter.chosenLoopCompiler()
            : ServiceLoader.load(LoopCompiler.class).findFirst().orElse(null);
    static final boolean EAGER = COMPILER != null && COMPILER.eager();
    /** Functions waiting for the compiler thread; a hot function that finds it full stays interpreted. */
    private static final int QUEUE = 256;
    /**
     * Compilations in a burst, and per second after it: a stream of distinct hot scripts (a hostile client's,
     * say) keeps the compiler thread to a small share of a core instead of all of it.
     */
    private static final int BURST = 32;
    private static final int PER_SECOND = 64;

    static {
        if (COMPILER != null && !EAGER) Background.warmUp();
    }

    /** Does nothing but make sure the static initialiser above has run. */
    static void load() {
    }

    /** The task's turn ended in {@code frame}: counts it towards the function's compilation. */
    static void turnEnded(Frame frame) {
        Proto p = frame.proto;
        if (p == null || p.tierState != LoopCode.UNTRIED || ++p.hotTurns < HOT_TURNS) return;
        synchronized (p) {
            if (p.tierState != LoopCode.UNTRIED) return;
            p.tierState = COMPILER == null ? LoopCode.DECLINED : LoopCode.COMPILING;
        }
        if (COMPILER != null) Background.submit(p);
    }

    /** Compiles the loops of {@code p} on the calling thread unless that was tried before (eager mode). */
    static void compile(Proto p) {
        synchronized (p) {
            if (p.tierState != LoopCode.UNTRIED) return;
            p.tierState = LoopCode.COMPILING;
        }
        install(p, COMPILER == null ? null : COMPILER.compile(p));
    }

    /** Goes back to interpreting {@code p} for good (see {@link CompiledLoops#bounces}). */
    static void abandon(Proto p) {
        p.loopCode = null;
        p.tierState = LoopCode.DECLINED;
    }

    private static void install(Proto p, CompiledLoops code) {
        p.loopCode = code;
        p.tierState = code != null ? LoopCode.COMPILED : LoopCode.DECLINED;
    }

    /** The compiler thread, started on first use. */
    private static final class Background {
        private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "ion-loop-compiler");
                    t.setDaemon(true);
                    return t;
                });

        static {
            EXECUTOR.allowCoreThreadTimeOut(true);
        }

        /** Compilations the thread may start now; refilled at {@link #PER_SECOND} up to {@link #BURST}. */
        private static double tokens = BURST;
        private static long refilledAt = System.nanoTime();

        static void submit(Proto p) {
            try {
                EXECUTOR.execute(() -> {
                    awaitToken();
                    CompiledLoops code = null;
                    try {
                        code = COMPILER.compile(p);
                    } catch (RuntimeException | LinkageError e) {
                        // a function the compiler cannot handle is interpreted, as it always was
                    }
                    install(p, code);
                });
            } catch (RejectedExecutionException e) {
                install(p, null);
            }
        }

        static void warmUp() {
            try {
                EXECUTOR.execute(() -> {
                    try {
                        COMPILER.warmUp();
                    } catch (RuntimeException | LinkageError e) {
                        // only a head start: the first compilation will meet the same problem and decline
                    }
                });
            } catch (RejectedExecutionException e) {
                // the queue is full: the compiler is warm
            }
        }

        /** Runs on the compiler thread only. */
        private static void awaitToken() {
            while (true) {
                long now = System.nanoTime();
                tokens = Math.min(BURST, tokens + (now - refilledAt) * PER_SECOND / 1e9);
                refilledAt = now;
                if (tokens >= 1) {
                    tokens--;
                    return;
                }
                try {
                    Thread.sleep(1 + (long) ((1 - tokens) * 1000 / PER_SECOND));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
