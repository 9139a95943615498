package dev.ion.engine.vm;

import dev.ion.engine.compile.LoopCode;

/**
 * A function's hot loops as JVM code (the second tier). {@link Interpreter} hands a task to it when the
 * task's frame stands at a loop head the code {@link #entersAt}; it then runs exactly what the fast loop
 * would — the same instructions, fuel, memory charges and exits — until an instruction needs the general
 * path, the turn's budget runs out, or control leaves the compiled loops. Made by a {@link LoopCompiler}.
 */
public abstract class CompiledLoops extends LoopCode {
    /** Slow exits per budget exit above which the code is dropped; and the slow exits it may make first. */
    private static final int BOUNCES_PER_TURN = 256;
    private static final int FREE_BOUNCES = 1024;

    // counted by every run that uses this code, without synchronisation: an estimate is all they serve
    private int slowExits;
    private int budgetExits;

    protected CompiledLoops(boolean[] entries) {
        super(entries);
    }

    /**
     * Counts how the code was left and answers whether it leaves for the general path so often — a float or
     * string operation in every iteration, say — that each iteration pays an exit and a re-entry for little
     * compiled work: then the function is better off interpreted.
     */
    final boolean bounces(int exit) {
        if (exit == FastExit.OUT_OF_BUDGET) {
            budgetExits++;
            return false;
        }
        return exit >= 0 && ++slowExits > FREE_BOUNCES && slowExits > (long) BOUNCES_PER_TURN * (budgetExits + 1);
    }

    /**
     * Runs the task from its frame's pc, which is an entry, and returns a {@link FastExit} code with the
     * task's state saved as {@link Interpreter}'s fast loop saves it.
     */
    abstract int run(Task t, Frame frame);
}
