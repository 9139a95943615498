package dev.ion.engine.compile;

/**
 * Where a function's loops continue in JVM code made by the vm's second tier: the interpreter asks
 * {@link #entersAt} on every backward jump of a function that has such code and, when it answers yes,
 * leaves the rest of the loop to it. Lives here because a {@link Proto} holds it; the code itself is the
 * vm's.
 */
public abstract class LoopCode {
    public static final byte UNTRIED = 0;
    public static final byte COMPILED = 1;
    public static final byte DECLINED = 2;
    public static final byte COMPILING = 3;

    private final boolean[] entries;

    /** {@code entries[pc]} is true where the code can take over: the heads of the loops it compiled. */
    protected LoopCode(boolean[] entries) {
        this.entries = entries.clone();
    }

    public final boolean entersAt(int pc) {
        return entries[pc];
    }
}
