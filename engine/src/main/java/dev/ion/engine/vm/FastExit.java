package dev.ion.engine.vm;

/**
 * Why the interpreter's fast loop (or a function's {@link CompiledLoops}) stopped: either the opcode
 * ({@code >= 0}) of an instruction that needs the general path, with the frame's pc just after the opcode,
 * {@link #OUT_OF_BUDGET}, or {@link #REDISPATCH}.
 *
 * <p>This stays a plain {@code int} because it leaves the hottest method of the engine on every slow
 * instruction and carries the opcode itself: an object would cost an allocation or a field write and read
 * per exit. This class is its one named home; nothing else may give meaning to negative exits.
 */
final class FastExit {
    private FastExit() {
    }

    /** The turn's instruction budget ran out before the instruction at the frame's pc. */
    static final int OUT_OF_BUDGET = -1;

    /**
     * Nothing is pending: the frame's pc is at an instruction that the other kind of code should run — the
     * head of a compiled loop the interpreter reached, or an instruction outside the loops compiled code left.
     */
    static final int REDISPATCH = -2;

    static boolean outOfBudget(int exit) {
        return exit == OUT_OF_BUDGET;
    }
}
