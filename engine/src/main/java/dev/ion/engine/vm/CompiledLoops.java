package dev.ion.engine.vm;

import dev.ion.engine.compile.LoopCode;

/**
 * A function's hot loops as JVM code (the second tier). {@link Interpreter} hands a task to it when the
 * task's frame stands at a loop head the code {@link #entersAt}; it then runs exactly what the fast loop
 * would — the same instructions, fuel, memory charges and exits — until an instruction needs the general
 * path, the turn's budget runs out, or control leaves the compiled loops. Made by a {@link LoopCompiler}.
 */
public abstract class CompiledLoops extends LoopCode {
    protected CompiledLoops(boolean[] entries) {
        super(entries);
    }

    /**
     * Runs the task from its frame's pc, which is an entry, and returns a {@link FastExit} code with the
     * task's state saved as {@link Interpreter}'s fast loop saves it.
     */
    abstract int run(Task t, Frame frame);
}
