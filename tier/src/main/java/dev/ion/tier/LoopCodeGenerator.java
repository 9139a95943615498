package dev.ion.tier;

import dev.ion.engine.compile.MethodIds;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.Proto;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPEQ;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V1_5;

/**
 * Writes the class of a function's {@link LoopRegions}: a subclass of the engine's {@code CompiledLoops}
 * whose {@code run(Task, Frame)} enters at the frame's pc (a loop head) and executes each instruction as the
 * interpreter's fast loop does — the fast path itself is a call of the engine's {@code TierOps}, which the
 * JIT inlines — with the operands baked in, the dispatch gone and the jumps as JVM jumps. Every way out
 * leaves the task's state as the fast loop would: an instruction that needs the general path exits with its
 * opcode and the pc after it; a spent budget exits before the instruction; a jump out of the compiled loops
 * exits with {@code REDISPATCH} and its target. Each run of consecutive compiled instructions is a method of
 * its own, so that every one stays small enough for the JIT to compile.
 *
 * <p>The generated class lives in the engine's {@code vm} package ({@link AsmLoopCompiler} defines it there
 * as a hidden class), so it reads the task's and frame's fields directly.
 */
final class LoopCodeGenerator {
    private static final String VM = "dev/ion/engine/vm/";
    private static final String TASK = VM + "Task";
    private static final String FRAME = VM + "Frame";
    private static final String RUN_STATE = VM + "RunState";
    private static final String OPS = VM + "TierOps";
    private static final String SUPER = VM + "CompiledLoops";
    private static final String VALUE = "dev/ion/engine/Value";
    private static final String VALUE_D = "L" + VALUE + ";";
    private static final String VALUES_D = "[" + VALUE_D;
    private static final String V2 = "(" + VALUE_D + VALUE_D + ")" + VALUE_D;
    /** {@code int run(Task, Frame)}: the entry, and each run's method. */
    private static final String RUN_DESCRIPTOR = "(L" + TASK + ";L" + FRAME + ";)I";

    /** {@code FastExit}'s codes. */
    private static final int OUT_OF_BUDGET = -1;
    private static final int REDISPATCH = -2;

    // the generated method's locals
    private static final int T = 1;
    private static final int FRAME_L = 2;
    private static final int STACK = 3;
    private static final int BASE = 4;
    private static final int SP = 5;
    private static final int BUDGET = 6;
    private static final int CONSTS = 8;
    private static final int GLOBALS = 9;
    private static final int RUN = 10;
    private static final int A = 11;
    private static final int B = 12;
    private static final int R = 13;

    /**
     * The opcodes with a fast path here (CONCAT only for the operands {@link LoopRegions} lets through). Most
     * are the fast loop's; the others are instructions the interpreter always leaves to its general path
     * but whose common case is as simple as the fast loop's (a push of a constant, a comparison of two ints,
     * building a list, tuple or dict, testing a pattern): {@code TierOps} does exactly what the general path
     * does in that case. MATCH_FAIL, which only raises, always leaves for the general path.
     */
    private static final Set<Integer> EMITTED = Set.of(Opcodes.CONST, Opcodes.POP, Opcodes.LOAD, Opcodes.LOAD2,
            Opcodes.STORE, Opcodes.LOAD_GLOBAL, Opcodes.STORE_GLOBAL, Opcodes.LOAD_CAPTURE, Opcodes.ADD, Opcodes.SUB,
            Opcodes.MUL, Opcodes.MOD, Opcodes.EQ, Opcodes.NE, Opcodes.ADD_CONST, Opcodes.SUB_CONST,
            Opcodes.LOAD_ADD_CONST, Opcodes.LOAD_SUB_CONST, Opcodes.ADD_INT, Opcodes.ADD_TO, Opcodes.ADD_LOCALS,
            Opcodes.MUL_LOCALS, Opcodes.MUL_CONST, Opcodes.MOD_CONST, Opcodes.JUMP, Opcodes.JUMP_UNLESS,
            Opcodes.JUMP_UNLESS_LOCAL, Opcodes.JUMP_IF, Opcodes.JUMP_IF_LOCAL, Opcodes.JUMP_IF_FALSE,
            Opcodes.JUMP_IF_TRUE, Opcodes.NOT, Opcodes.INDEX, Opcodes.SET_INDEX, Opcodes.TO_STR, Opcodes.CONCAT,
            Opcodes.ITER_NEXT, Opcodes.FOR_NEXT, Opcodes.GET_ITEM, Opcodes.QUESTION, Opcodes.CALL_METHOD,
            Opcodes.UNIT, Opcodes.TRUE, Opcodes.FALSE, Opcodes.NONE, Opcodes.DUP, Opcodes.POPN, Opcodes.LT,
            Opcodes.LE, Opcodes.GT, Opcodes.GE, Opcodes.TO_BOOL, Opcodes.MAKE_LIST, Opcodes.MAKE_TUPLE,
            Opcodes.LIST_APPEND, Opcodes.TEST_WRAP, Opcodes.UNWRAP, Opcodes.TEST_TUPLE, Opcodes.TEST_LIST,
            Opcodes.MATCH_FAIL, Opcodes.DICT_INSERT);

    static boolean emits(int op) {
        return EMITTED.contains(op);
    }

    /** HotSpot compiles no method longer than this ({@code HugeMethodLimit}): it would stay interpreted. */
    static final int MAX_METHOD_BYTES = 8000;

    /** A run whose method would be longer than {@link #MAX_METHOD_BYTES}. */
    static final class RunTooLarge extends RuntimeException {
        final int run;

        RunTooLarge(int run) {
            super("compiled loop run " + run + " exceeds " + MAX_METHOD_BYTES + " bytes", null, false, false);
            this.run = run;
        }
    }

    private final Proto proto;
    private final LoopRegions regions;
    private final int[] code;
    private final Label[] labels;
    private final int[] runOf;
    /** Where some jump of the function lands: an instruction there cannot be the inside of a fused sequence. */
    private final boolean[] jumpTarget;
    private String owner;
    /** The run whose method is being written. */
    private int current = -1;
    private MethodVisitor mv;

    private LoopCodeGenerator(Proto proto, LoopRegions regions) {
        this.proto = proto;
        this.regions = regions;
        this.code = proto.code;
        this.labels = new Label[code.length];
        this.runOf = new int[code.length];
        Arrays.fill(runOf, -1);
        for (int i = 0; i < regions.runs.size(); i++) {
            for (int pc : regions.runs.get(i)) runOf[pc] = i;
        }
        this.jumpTarget = new boolean[code.length + 1];
        for (int pc = 0; pc < code.length; pc += LoopRegions.length(code, pc)) {
            int target = LoopRegions.offsetTarget(code, pc);
            if (target >= 0 && target <= code.length) jumpTarget[target] = true;
        }
    }

    /**
     * The class file of {@code proto}'s compiled loops, named {@code internalName}: {@code run} picks the method
     * of the run its entry belongs to. Throws {@link RunTooLarge} for a run the JIT would not compile.
     */
    static byte[] generate(Proto proto, LoopRegions regions, String internalName) {
        return new LoopCodeGenerator(proto, regions).classFile(internalName);
    }

    private byte[] classFile(String name) {
        owner = name;
        // Java 5 class files carry no stack map frames (the JVM verifies them by type inference): ASM then
        // skips its frame analysis, half the cost of a first compilation, which runs on a cold JVM
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_5, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "([Z)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "([Z)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(0, "run", RUN_DESCRIPTOR, null, null);
        mv.visitCode();
        Label[] targets = entrySwitch(-1);
        for (int pc = 0, k = 0; pc < code.length; pc++) {
            if (!regions.entries[pc]) continue;
            mv.visitLabel(targets[k++]);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, T);
            mv.visitVarInsn(ALOAD, FRAME_L);
            mv.visitMethodInsn(INVOKESPECIAL, owner, "run" + runOf[pc], RUN_DESCRIPTOR, false);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        for (int i = 0; i < regions.runs.size(); i++) runMethod(cw, i);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** One run of consecutive compiled instructions, entered at its loop heads. */
    private void runMethod(ClassWriter cw, int run) {
        List<Integer> pcs = regions.runs.get(run);
        for (int pc : pcs) labels[pc] = new Label();
        current = run;
        mv = cw.visitMethod(ACC_PRIVATE, "run" + run, RUN_DESCRIPTOR, null, null);
        mv.visitCode();
        prologue();
        Label[] targets = entrySwitch(run);
        for (int pc = 0, k = 0; pc < code.length; pc++) {
            if (regions.entries[pc] && runOf[pc] == run) {
                mv.visitLabel(targets[k]);
                mv.visitJumpInsn(GOTO, labels[pc]);
                k++;
            }
        }
        for (int pc : pcs) {
            mv.visitLabel(labels[pc]);
            fused(pc);
            instruction(pc);
        }
        redispatch(pcs.get(pcs.size() - 1) + LoopRegions.length(code, pcs.get(pcs.size() - 1)));
        Label end = new Label();
        mv.visitLabel(end);
        if (end.getOffset() > MAX_METHOD_BYTES) throw new RunTooLarge(run);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** A lookupswitch on the frame's pc over the entries of {@code run} (-1: of all runs); returns the cases' labels. */
    private Label[] entrySwitch(int run) {
        int count = 0;
        for (int pc = 0; pc < code.length; pc++) if (regions.entries[pc] && (run < 0 || runOf[pc] == run)) count++;
        int[] keys = new int[count];
        Label[] targets = new Label[count];
        for (int pc = 0, k = 0; pc < code.length; pc++) {
            if (regions.entries[pc] && (run < 0 || runOf[pc] == run)) {
                keys[k] = pc;
                targets[k++] = new Label();
            }
        }
        Label bad = new Label();
        mv.visitVarInsn(ALOAD, FRAME_L);
        mv.visitFieldInsn(GETFIELD, FRAME, "pc", "I");
        mv.visitLookupSwitchInsn(bad, keys, targets);
        mv.visitLabel(bad);
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("compiled loops entered away from a loop head");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
        return targets;
    }

    private void prologue() {
        mv.visitVarInsn(ALOAD, T);
        mv.visitFieldInsn(GETFIELD, TASK, "stack", VALUES_D);
        mv.visitVarInsn(ASTORE, STACK);
        mv.visitVarInsn(ALOAD, FRAME_L);
        mv.visitFieldInsn(GETFIELD, FRAME, "base", "I");
        mv.visitVarInsn(ISTORE, BASE);
        mv.visitVarInsn(ALOAD, T);
        mv.visitFieldInsn(GETFIELD, TASK, "sp", "I");
        mv.visitVarInsn(ISTORE, SP);
        mv.visitVarInsn(ALOAD, T);
        mv.visitFieldInsn(GETFIELD, TASK, "budget", "J");
        mv.visitVarInsn(LSTORE, BUDGET);
        mv.visitVarInsn(ALOAD, FRAME_L);
        mv.visitFieldInsn(GETFIELD, FRAME, "constants", VALUES_D);
        mv.visitVarInsn(ASTORE, CONSTS);
        mv.visitVarInsn(ALOAD, T);
        mv.visitFieldInsn(GETFIELD, TASK, "run", "L" + RUN_STATE + ";");
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, RUN);
        mv.visitFieldInsn(GETFIELD, RUN_STATE, "globals", VALUES_D);
        mv.visitVarInsn(ASTORE, GLOBALS);
    }

    private void instruction(int pc) {
        int op = code[pc];
        int after = pc + 1; // where a slow exit leaves the pc: just after the opcode
        // the fuel of this instruction: the fast loop's `if (--budget < 0)` before it
        Label funded = new Label();
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LSUB);
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, BUDGET);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, funded);
        exit(pc, OUT_OF_BUDGET);
        mv.visitLabel(funded);

        int a0 = pc + 1 < code.length ? code[pc + 1] : 0;
        int a1 = pc + 2 < code.length ? code[pc + 2] : 0;
        int a2 = pc + 3 < code.length ? code[pc + 3] : 0;
        switch (op) {
            case Opcodes.CONST -> {
                beginPush();
                mv.visitVarInsn(ALOAD, CONSTS);
                push(a0);
                mv.visitInsn(AALOAD);
                endPush();
            }
            case Opcodes.POP -> pop();
            case Opcodes.LOAD -> {
                beginPush();
                loadSlot(a0);
                endPush();
            }
            case Opcodes.LOAD2 -> {
                beginPush();
                loadSlot(a0);
                endPush();
                beginPush();
                loadSlot(a1);
                endPush();
            }
            case Opcodes.STORE -> {
                mv.visitIincInsn(SP, -1);
                slotIndex(a0);
                loadTop(0);
                mv.visitInsn(AASTORE);
                clearTop();
            }
            case Opcodes.LOAD_GLOBAL -> {
                mv.visitVarInsn(ALOAD, GLOBALS);
                push(a0);
                mv.visitInsn(AALOAD);
                resultOrExit(after, op);
                beginPush();
                mv.visitVarInsn(ALOAD, A);
                endPush();
            }
            case Opcodes.STORE_GLOBAL -> {
                mv.visitIincInsn(SP, -1);
                mv.visitVarInsn(ALOAD, GLOBALS);
                push(a0);
                loadTop(0);
                mv.visitInsn(AASTORE);
                clearTop();
            }
            case Opcodes.LOAD_CAPTURE -> {
                beginPush();
                mv.visitVarInsn(ALOAD, FRAME_L);
                mv.visitFieldInsn(GETFIELD, FRAME, "closure", "L" + VM + "Closure;");
                mv.visitFieldInsn(GETFIELD, VM + "Closure", "captures", VALUES_D);
                push(a0);
                mv.visitInsn(AALOAD);
                endPush();
            }
            case Opcodes.ADD, Opcodes.SUB, Opcodes.MUL, Opcodes.MOD, Opcodes.INDEX -> {
                loadTop(2);
                loadTop(1);
                ops(switch (op) {
                    case Opcodes.ADD -> "add";
                    case Opcodes.SUB -> "sub";
                    case Opcodes.MUL -> "mul";
                    case Opcodes.MOD -> "mod";
                    default -> "index";
                }, V2);
                replaceTwo(after, op);
            }
            case Opcodes.EQ, Opcodes.NE -> {
                loadTop(2);
                loadTop(1);
                mv.visitInsn(op == Opcodes.EQ ? ICONST_1 : ICONST_0);
                ops("eq", "(" + VALUE_D + VALUE_D + "Z)" + VALUE_D);
                replaceTwo(after, op);
            }
            case Opcodes.ADD_CONST, Opcodes.SUB_CONST -> {
                loadTop(1);
                mv.visitLdcInsn(op == Opcodes.ADD_CONST ? (long) a0 : -(long) a0);
                ops("addConst", "(" + VALUE_D + "J)" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.LOAD_ADD_CONST, Opcodes.LOAD_SUB_CONST -> {
                loadSlot(a0);
                mv.visitLdcInsn(op == Opcodes.LOAD_ADD_CONST ? (long) a1 : -(long) a1);
                ops("addConst", "(" + VALUE_D + "J)" + VALUE_D);
                resultOrExit(after, op);
                pushA();
            }
            case Opcodes.ADD_INT -> {
                loadSlot(a0);
                mv.visitLdcInsn((long) a1);
                ops("addConst", "(" + VALUE_D + "J)" + VALUE_D);
                resultOrExit(after, op);
                storeSlot(a0);
            }
            case Opcodes.ADD_TO -> {
                loadSlot(a0);
                loadTop(1);
                ops("add", V2);
                resultOrExit(after, op);
                storeSlot(a0);
                pop();
            }
            case Opcodes.ADD_LOCALS, Opcodes.MUL_LOCALS -> {
                loadSlot(a0);
                loadSlot(a1);
                ops(op == Opcodes.ADD_LOCALS ? "add" : "mul", V2);
                resultOrExit(after, op);
                pushA();
            }
            case Opcodes.MUL_CONST, Opcodes.MOD_CONST -> {
                loadTop(1);
                push(a0);
                ops(op == Opcodes.MUL_CONST ? "mulConst" : "modConst", "(" + VALUE_D + "I)" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.JUMP -> jump(LoopRegions.jumpTarget(code, pc));
            case Opcodes.JUMP_UNLESS, Opcodes.JUMP_IF -> {
                loadTop(2);
                loadTop(1);
                push(a0);
                ops("compare", "(" + VALUE_D + VALUE_D + "I)I");
                flagOrExit(after, op);
                pop();
                pop();
                branch(op == Opcodes.JUMP_IF ? IFNE : IFEQ, pc);
            }
            case Opcodes.JUMP_UNLESS_LOCAL, Opcodes.JUMP_IF_LOCAL -> {
                loadSlot(a1);
                push(a0);
                push(a2);
                ops("compareConst", "(" + VALUE_D + "II)I");
                flagOrExit(after, op);
                branch(op == Opcodes.JUMP_IF_LOCAL ? IFNE : IFEQ, pc);
            }
            case Opcodes.JUMP_IF_FALSE, Opcodes.JUMP_IF_TRUE -> {
                loadTop(1);
                ops("bool", "(" + VALUE_D + ")I");
                flagOrExit(after, op);
                pop();
                branch(op == Opcodes.JUMP_IF_TRUE ? IFNE : IFEQ, pc);
            }
            case Opcodes.NOT, Opcodes.QUESTION -> {
                loadTop(1);
                ops(op == Opcodes.NOT ? "not" : "question", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.GET_ITEM -> {
                loadTop(1);
                push(a0);
                ops("getItem", "(" + VALUE_D + "I)" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.SET_INDEX, Opcodes.DICT_INSERT -> {
                mv.visitVarInsn(ALOAD, RUN);
                loadTop(3);
                loadTop(2);
                loadTop(1);
                mv.visitLdcInsn(op == Opcodes.SET_INDEX ? 16L : 24L);
                ops("insertUnderStringKey", "(L" + RUN_STATE + ";" + VALUE_D + VALUE_D + VALUE_D + "J)" + VALUE_D);
                resultOrExit(after, op);
                storeTop(3);
                pop();
                pop();
            }
            case Opcodes.TO_STR -> {
                loadTop(1);
                mv.visitInsn(DUP);
                mv.visitVarInsn(ASTORE, B);
                ops("toStr", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                mv.visitVarInsn(ALOAD, B);
                mv.visitVarInsn(ALOAD, A);
                ops("toStrCost", "(" + VALUE_D + VALUE_D + ")J");
                spend();
                storeTop(1);
            }
            case Opcodes.UNIT, Opcodes.TRUE, Opcodes.FALSE, Opcodes.NONE -> {
                beginPush();
                switch (op) {
                    case Opcodes.UNIT -> mv.visitFieldInsn(GETSTATIC, "dev/ion/engine/value/UnitValue", "UNIT",
                            "Ldev/ion/engine/value/UnitValue;");
                    case Opcodes.TRUE -> mv.visitFieldInsn(GETSTATIC, "dev/ion/engine/value/BoolValue", "TRUE",
                            "Ldev/ion/engine/value/BoolValue;");
                    case Opcodes.FALSE -> mv.visitFieldInsn(GETSTATIC, "dev/ion/engine/value/BoolValue", "FALSE",
                            "Ldev/ion/engine/value/BoolValue;");
                    default -> mv.visitFieldInsn(GETSTATIC, "dev/ion/engine/value/OptionValue", "NONE",
                            "Ldev/ion/engine/value/OptionValue;");
                }
                endPush();
            }
            case Opcodes.DUP -> {
                beginPush();
                loadTop(1);
                endPush();
            }
            case Opcodes.POPN -> {
                for (int i = 0; i < a0; i++) pop();
            }
            case Opcodes.LT, Opcodes.LE, Opcodes.GT, Opcodes.GE -> {
                loadTop(2);
                loadTop(1);
                push(op - Opcodes.LT);
                ops("compareToBool", "(" + VALUE_D + VALUE_D + "I)" + VALUE_D);
                replaceTwo(after, op);
            }
            case Opcodes.TO_BOOL -> {
                loadTop(1);
                ops("toBool", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.MAKE_LIST -> {
                mv.visitVarInsn(ALOAD, RUN);
                topValues(a0);
                ops("makeList", "(L" + RUN_STATE + ";" + VALUES_D + "II)" + VALUE_D);
                resultOrExit(after, op);
                replaceTop(a0);
            }
            case Opcodes.MAKE_TUPLE -> {
                topValues(a0);
                ops("makeTuple", "(" + VALUES_D + "II)" + VALUE_D);
                mv.visitVarInsn(ASTORE, A);
                replaceTop(a0);
            }
            case Opcodes.LIST_APPEND -> {
                mv.visitVarInsn(ALOAD, RUN);
                loadTop(2);
                loadTop(1);
                ops("push", "(L" + RUN_STATE + ";" + VALUE_D + VALUE_D + ")" + VALUE_D);
                replaceTwo(after, op);
            }
            case Opcodes.CONCAT -> {
                if (a0 == 2) {
                    concatTwo(after, op);
                } else {
                    mv.visitVarInsn(ALOAD, RUN);
                    topValues(a0);
                    ops("concatN", "(L" + RUN_STATE + ";" + VALUES_D + "II)" + VALUE_D);
                    resultOrExit(after, op);
                    mv.visitVarInsn(ALOAD, A);
                    ops("concatCost", "(" + VALUE_D + ")J");
                    spend();
                    replaceTop(a0);
                }
            }
            case Opcodes.ITER_NEXT -> {
                loadSlot(a0);
                ops("next", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                mv.visitVarInsn(ALOAD, A);
                mv.visitFieldInsn(GETSTATIC, OPS, "EXHAUSTED", VALUE_D);
                Label more = new Label();
                mv.visitJumpInsn(IF_ACMPNE, more);
                jump(LoopRegions.jumpTarget(code, pc));
                mv.visitLabel(more);
                pushA();
            }
            case Opcodes.FOR_NEXT -> {
                loadSlot(a0);
                ops("next", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                mv.visitVarInsn(ALOAD, A);
                mv.visitFieldInsn(GETSTATIC, OPS, "EXHAUSTED", VALUE_D);
                Label done = new Label();
                mv.visitJumpInsn(IF_ACMPEQ, done);
                storeSlot(a1);
                jump(LoopRegions.jumpTarget(code, pc));
                mv.visitLabel(done);
            }
            case Opcodes.TEST_WRAP, Opcodes.TEST_TUPLE -> {
                loadTop(1);
                push(a0);
                ops(op == Opcodes.TEST_WRAP ? "testWrap" : "testTuple", "(" + VALUE_D + "I)" + VALUE_D);
                mv.visitVarInsn(ASTORE, A);
                storeTop(1);
            }
            case Opcodes.TEST_LIST -> {
                loadTop(1);
                push(a0);
                push(a1);
                ops("testList", "(" + VALUE_D + "II)" + VALUE_D);
                mv.visitVarInsn(ASTORE, A);
                storeTop(1);
            }
            case Opcodes.UNWRAP -> {
                loadTop(1);
                ops("unwrap", "(" + VALUE_D + ")" + VALUE_D);
                resultOrExit(after, op);
                storeTop(1);
            }
            case Opcodes.MATCH_FAIL -> exit(after, op);
            case Opcodes.CALL_METHOD -> callMethod(op, after, proto.methodIds[a0]);
            default -> throw new IllegalArgumentException("no fast path for " + Opcodes.name(op) + " at " + pc);
        }
    }

    /** CONCAT of two pieces, the common {@code f"k{i}"}. */
    private void concatTwo(int after, int op) {
        mv.visitVarInsn(ALOAD, RUN);
        loadTop(2);
        loadTop(1);
        ops("concat", "(L" + RUN_STATE + ";" + VALUE_D + VALUE_D + ")" + VALUE_D);
        resultOrExit(after, op);
        mv.visitVarInsn(ALOAD, A);
        ops("concatCost", "(" + VALUE_D + ")J");
        spend();
        storeTop(2);
        pop();
    }

    // ---- fused sequences ---------------------------------------------------------------------------

    /*
     * Two sequences that hot loops are made of get a shortcut in front of their instructions: the fuel of all
     * of them paid at once, the values taken from and put back into their slots without the operand stack.
     * When the budget cannot pay the whole sequence, or its fast path fails, the shortcut leaves the task
     * exactly where the instructions one by one would (and those follow it, for the short budget):
     *
     *   xs = xs.push(v):  LOAD xs, LOAD v, CALL_METHOD push 1, STORE xs
     *   t += x:           LOAD x, ADD_TO t
     */

    /** Emits the shortcut of a fused sequence starting at {@code pc}, if one does. */
    private void fused(int pc) {
        if (isPushToLocal(pc)) {
            pushToLocal(pc);
        } else if (isAddLocalToLocal(pc)) {
            addLocalToLocal(pc);
        }
    }

    /** Whether the instructions from {@code pc} on are {@code ops}, all in this run, none but the first a jump target. */
    private boolean sequence(int pc, int... ops) {
        int at = pc;
        for (int i = 0; i < ops.length; i++) {
            if (at >= code.length || code[at] != ops[i] || runOf[at] != current || (i > 0 && jumpTarget[at])) return false;
            at += LoopRegions.length(code, at);
        }
        return true;
    }

    private boolean isPushToLocal(int pc) {
        return sequence(pc, Opcodes.LOAD, Opcodes.LOAD, Opcodes.CALL_METHOD, Opcodes.STORE)
                && proto.methodIds[code[pc + 5]] == MethodIds.PUSH && code[pc + 6] == 1 && code[pc + 8] == code[pc + 1];
    }

    private void pushToLocal(int pc) {
        int list = code[pc + 1];
        int value = code[pc + 3];
        int call = pc + 4;
        int after = pc + 9;
        Label oneByOne = new Label();
        payForAll(4, oneByOne);
        mv.visitVarInsn(ALOAD, RUN);
        loadSlot(list);
        loadSlot(value);
        ops("push", "(L" + RUN_STATE + ";" + VALUE_D + VALUE_D + ")" + VALUE_D);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, A);
        Label pushed = new Label();
        mv.visitJumpInsn(IFNONNULL, pushed);
        // where LOAD, LOAD and CALL_METHOD leave the task: both values pushed, the STORE's fuel not spent
        pushSlot(list);
        pushSlot(value);
        refund(1);
        exit(call + 1, Opcodes.CALL_METHOD);
        mv.visitLabel(pushed);
        storeSlot(list);
        clearAbove(0);
        clearAbove(1);
        jump(after);
        mv.visitLabel(oneByOne);
    }

    private boolean isAddLocalToLocal(int pc) {
        return sequence(pc, Opcodes.LOAD, Opcodes.ADD_TO);
    }

    private void addLocalToLocal(int pc) {
        int x = code[pc + 1];
        int total = code[pc + 3];
        int add = pc + 2;
        Label oneByOne = new Label();
        payForAll(2, oneByOne);
        loadSlot(total);
        loadSlot(x);
        ops("add", V2);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, A);
        Label added = new Label();
        mv.visitJumpInsn(IFNONNULL, added);
        // where LOAD and ADD_TO leave the task: the value pushed, both instructions' fuel spent
        pushSlot(x);
        exit(add + 1, Opcodes.ADD_TO);
        mv.visitLabel(added);
        storeSlot(total);
        clearAbove(0);
        jump(pc + 4);
        mv.visitLabel(oneByOne);
    }

    /** budget -= n when the budget holds n, else on to {@code short}, where the instructions go one by one. */
    private void payForAll(int n, Label shortBudget) {
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitLdcInsn((long) n);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, shortBudget);
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitLdcInsn((long) n);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, BUDGET);
    }

    private void refund(int n) {
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitLdcInsn((long) n);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, BUDGET);
    }

    /** stack[sp++] = stack[base + slot]. */
    private void pushSlot(int slot) {
        beginPush();
        loadSlot(slot);
        endPush();
    }

    /** stack[sp + k] = null: what the sequence's pops leave above the stack top. */
    private void clearAbove(int k) {
        mv.visitVarInsn(ALOAD, STACK);
        mv.visitVarInsn(ILOAD, SP);
        if (k != 0) {
            push(k);
            mv.visitInsn(IADD);
        }
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(AASTORE);
    }

    /** The inline methods the fast loop knows, with the argument counts {@link LoopRegions} let through. */
    private void callMethod(int op, int after, int method) {
        if (method == MethodIds.PUSH) {
            mv.visitVarInsn(ALOAD, RUN);
            loadTop(2);
            loadTop(1);
            ops("push", "(L" + RUN_STATE + ";" + VALUE_D + VALUE_D + ")" + VALUE_D);
            replaceTwo(after, op);
        } else if (method == MethodIds.LEN || method == MethodIds.UNWRAP) {
            loadTop(1);
            ops(method == MethodIds.LEN ? "len" : "unwrapMethod", "(" + VALUE_D + ")" + VALUE_D);
            resultOrExit(after, op);
            storeTop(1);
        } else {
            loadTop(2);
            loadTop(1);
            mv.visitInsn(method == MethodIds.GET ? ICONST_1 : ICONST_0);
            ops("dictLookup", "(" + VALUE_D + VALUE_D + "Z)" + VALUE_D);
            replaceTwo(after, op);
        }
    }

    // ---- pieces ----------------------------------------------------------------------------------

    private void ops(String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, OPS, name, descriptor, false);
    }

    private void push(int value) {
        mv.visitLdcInsn(value);
    }

    /** stack[base + slot] onto the JVM stack. */
    private void loadSlot(int slot) {
        slotIndex(slot);
        mv.visitInsn(AALOAD);
    }

    /** stack[base + slot] = A. */
    private void storeSlot(int slot) {
        slotIndex(slot);
        mv.visitVarInsn(ALOAD, A);
        mv.visitInsn(AASTORE);
    }

    /** The array and index of stack[base + slot] onto the JVM stack, for a store. */
    private void slotIndex(int slot) {
        mv.visitVarInsn(ALOAD, STACK);
        mv.visitVarInsn(ILOAD, BASE);
        push(slot);
        mv.visitInsn(IADD);
    }

    /** stack[sp - k] onto the JVM stack (k = 0 reads stack[sp]). */
    private void loadTop(int k) {
        mv.visitVarInsn(ALOAD, STACK);
        topIndex(k);
        mv.visitInsn(AALOAD);
    }

    /** stack[sp - k] = A. */
    private void storeTop(int k) {
        mv.visitVarInsn(ALOAD, STACK);
        topIndex(k);
        mv.visitVarInsn(ALOAD, A);
        mv.visitInsn(AASTORE);
    }

    private void topIndex(int k) {
        mv.visitVarInsn(ILOAD, SP);
        if (k != 0) {
            push(k);
            mv.visitInsn(ISUB);
        }
    }

    /** stack[sp] = null. */
    private void clearTop() {
        mv.visitVarInsn(ALOAD, STACK);
        mv.visitVarInsn(ILOAD, SP);
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(AASTORE);
    }

    /** stack[--sp] = null. */
    private void pop() {
        mv.visitIincInsn(SP, -1);
        clearTop();
    }

    private void beginPush() {
        mv.visitVarInsn(ALOAD, STACK);
        mv.visitVarInsn(ILOAD, SP);
    }

    private void endPush() {
        mv.visitInsn(AASTORE);
        mv.visitIincInsn(SP, 1);
    }

    /** The stack array, sp and {@code n} onto the JVM stack: a {@code TierOps} helper's view of the top n values. */
    private void topValues(int n) {
        beginPush();
        push(n);
    }

    /** The top {@code n} values, whose slots the helper cleared, replaced by A. */
    private void replaceTop(int n) {
        mv.visitIincInsn(SP, -n);
        pushA();
    }

    private void pushA() {
        beginPush();
        mv.visitVarInsn(ALOAD, A);
        endPush();
    }

    /** The helper's result (on the JVM stack) into A; null leaves for the general path. */
    private void resultOrExit(int after, int op) {
        keepOrExit(ASTORE, A, IFNONNULL, after, op);
    }

    /** A binary instruction's result replaces its two operands: stack[sp - 2] = A, stack[--sp] = null. */
    private void replaceTwo(int after, int op) {
        resultOrExit(after, op);
        storeTop(2);
        pop();
    }

    /** A comparison's answer (on the JVM stack) into R; negative leaves for the general path. */
    private void flagOrExit(int after, int op) {
        keepOrExit(ISTORE, R, IFGE, after, op);
    }

    /** Stores the value on the JVM stack into {@code local} ({@code store}); leaves unless {@code kept} holds for it. */
    private void keepOrExit(int store, int local, int kept, int after, int op) {
        mv.visitInsn(DUP);
        mv.visitVarInsn(store, local);
        Label ok = new Label();
        mv.visitJumpInsn(kept, ok);
        exit(after, op);
        mv.visitLabel(ok);
    }

    /** Jumps to the target of the jump at {@code pc} when R passes {@code test} (IFEQ or IFNE). */
    private void branch(int test, int pc) {
        Label stay = new Label();
        mv.visitVarInsn(ILOAD, R);
        mv.visitJumpInsn(test == IFEQ ? IFNE : IFEQ, stay);
        jump(LoopRegions.jumpTarget(code, pc));
        mv.visitLabel(stay);
    }

    /** budget -= (the long on the JVM stack). */
    private void spend() {
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP2_X2);
        mv.visitInsn(org.objectweb.asm.Opcodes.POP2);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, BUDGET);
    }

    private void jump(int target) {
        if (target >= 0 && target < code.length && runOf[target] >= 0 && runOf[target] == current) {
            mv.visitJumpInsn(GOTO, labels[target]);
        } else {
            redispatch(target);
        }
    }

    private void redispatch(int pc) {
        exit(pc, REDISPATCH);
    }

    /** Saves the state as the fast loop does and returns {@code exit}. */
    private void exit(int pc, int exit) {
        mv.visitVarInsn(ALOAD, T);
        mv.visitVarInsn(ALOAD, FRAME_L);
        push(pc);
        mv.visitVarInsn(ILOAD, SP);
        mv.visitVarInsn(LLOAD, BUDGET);
        push(exit);
        mv.visitMethodInsn(INVOKESTATIC, OPS, "exit", "(L" + TASK + ";L" + FRAME + ";IIJI)I", false);
        mv.visitInsn(IRETURN);
    }
}
