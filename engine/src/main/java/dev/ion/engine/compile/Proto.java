package dev.ion.engine.compile;

import dev.ion.engine.Value;

/**
 * A compiled function: bytecode, constants, nested functions, parameter layout and
 * capture sources. Immutable after compilation and shareable between runs, but for what the
 * interpreter's second tier records on it ({@link #loopCode}, {@link #hotTurns}, {@link #tierState}).
 */
public final class Proto {
    /** Where a closure's capture comes from when {@link Opcodes#CLOSURE} creates it. */
    public static final int FROM_LOCAL = 0;
    public static final int FROM_CAPTURE = 1;
    public static final int FROM_GLOBAL = 2;
    /** Slots {@link #maxStack} holds beyond the deepest operand stack the compiler tracked. */
    public static final int STACK_MARGIN = 4;

    public final String name;
    public final int[] code;
    /** Source line and column of each code index. */
    public final int[] lines;
    public final int[] columns;
    public final Value[] constants;
    /** The {@link MethodIds} id of each constant, for the interpreter's inline method calls. */
    public final byte[] methodIds;
    public final Proto[] protos;
    /** Local slots, parameters first. */
    public final int maxLocals;
    public final int maxStack;
    public final String[] localNames;
    public final ParamSpec params;
    /** Value-stack slots an activation needs from its base: locals, operands and the margin calls keep. */
    public final int frameSize;
    /** The argument count of a plain positional call, or -1 when calls need the binder. */
    public final int simpleArity;
    public final int[] captureKinds;
    public final int[] captureIndexes;
    public final String[] captureNames;

    /**
     * JVM code for this function's hot loops once the vm's second tier made it, else null. Written once, by
     * whichever run first found the function hot; a run that reads null meanwhile just keeps interpreting.
     */
    public LoopCode loopCode;
    /** Turns the interpreter ended in this function's code: how the second tier finds it hot. */
    public int hotTurns;
    /** {@link LoopCode#UNTRIED}, {@link LoopCode#COMPILING}, {@link LoopCode#COMPILED} or {@link LoopCode#DECLINED}. */
    public byte tierState;

    public Proto(String name, int[] code, int[] lines, int[] columns, Value[] constants, Proto[] protos,
                 int maxLocals, int maxStack, String[] localNames, ParamSpec params, int[] captureKinds,
                 int[] captureIndexes, String[] captureNames) {
        this.name = name;
        this.code = code;
        this.lines = lines;
        this.columns = columns;
        this.constants = constants;
        this.methodIds = MethodIds.of(constants);
        this.protos = protos;
        this.maxLocals = maxLocals;
        this.maxStack = maxStack;
        this.localNames = localNames;
        this.params = params;
        this.simpleArity = params.simple ? params.names.length : -1;
        this.frameSize = maxLocals + maxStack + 8;
        this.captureKinds = captureKinds;
        this.captureIndexes = captureIndexes;
        this.captureNames = captureNames;
    }

    public int line(int pc) {
        return pc >= 0 && pc < lines.length ? lines[pc] : 0;
    }

    public int column(int pc) {
        return pc >= 0 && pc < columns.length ? columns[pc] : 0;
    }
}
