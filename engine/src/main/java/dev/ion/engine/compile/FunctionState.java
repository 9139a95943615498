package dev.ion.engine.compile;

import dev.ion.engine.Value;
import dev.ion.engine.parse.Span;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.StrValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler's state for one function being compiled: emitted code, constants,
 * the scope of locals, captures, enclosing loops and the operand-stack depth.
 */
final class FunctionState {
    enum Kind { MAIN, TOP_FN, NESTED }

    /** A visible binding: a local slot, a global slot, or a compile-time constant. */
    static final class Local {
        final String name;
        final int slot;
        final boolean mutable;
        final boolean global;
        final Value constant;
        final int depth;

        Local(String name, int slot, boolean mutable, boolean global, Value constant, int depth) {
            this.name = name;
            this.slot = slot;
            this.mutable = mutable;
            this.global = global;
            this.constant = constant;
            this.depth = depth;
        }
    }

    /** An enclosing loop: where {@code break} and {@code continue} go. */
    static final class LoopContext {
        final String label;
        final int stackDepth;
        final int handlerDepth;
        final int nurseryDepth;
        final List<Integer> breakJumps = new ArrayList<>();
        final List<Integer> continueJumps = new ArrayList<>();

        LoopContext(String label, int stackDepth, int handlerDepth, int nurseryDepth) {
            this.label = label;
            this.stackDepth = stackDepth;
            this.handlerDepth = handlerDepth;
            this.nurseryDepth = nurseryDepth;
        }
    }

    final FunctionState parent;
    final Kind kind;
    final String name;
    final String selfName;
    final IntBuffer code = new IntBuffer();
    final IntBuffer lines = new IntBuffer();
    final IntBuffer columns = new IntBuffer();
    final List<Value> constants = new ArrayList<>();
    private final Map<Object, Integer> constantIndex = new HashMap<>();
    final List<Proto> protos = new ArrayList<>();
    final List<Local> locals = new ArrayList<>();
    final List<String> slotNames = new ArrayList<>();
    final List<String> captureNames = new ArrayList<>();
    final List<Integer> captureKinds = new ArrayList<>();
    final List<Integer> captureIndexes = new ArrayList<>();
    final List<LoopContext> loops = new ArrayList<>();
    int scopeDepth;
    int nextSlot;
    int maxSlots;
    int stackDepth;
    int maxStack;
    int handlerDepth;
    int nurseryDepth;
    /** For each open nursery, innermost last: the handler depth when it was opened. */
    final List<Integer> nurseryHandlerDepths = new ArrayList<>();
    Span position = Span.NONE;

    FunctionState(FunctionState parent, Kind kind, String name, String selfName) {
        this.parent = parent;
        this.kind = kind;
        this.name = name;
        this.selfName = selfName;
    }

    // ---- emission ----------------------------------------------------------------

    /**
     * Appends an instruction; the stack depth follows from its row in the {@link Opcodes} table
     * (the effect when it falls through to the next instruction). Returns its code index.
     */
    int emit(int op, int... operands) {
        OpInfo info = Opcodes.info(op);
        if (operands.length != info.operandCount()) {
            throw new IllegalStateException(info.name() + " takes " + info.operandCount() + " operands, given "
                    + operands.length);
        }
        int at = code.size();
        code.add(op);
        lines.add(position.line());
        columns.add(position.column());
        for (int operand : operands) {
            code.add(operand);
            lines.add(position.line());
            columns.add(position.column());
        }
        if (stackDepth + info.scratch() > maxStack) maxStack = stackDepth + info.scratch();
        adjustStack(info.stackEffect(operands));
        return at;
    }

    void adjustStack(int delta) {
        stackDepth += delta;
        if (stackDepth > maxStack) maxStack = stackDepth;
    }

    /**
     * Emits an instruction whose last operand is a jump offset, patched later; {@code operands}
     * are the ones before it. Returns the index of the offset operand.
     */
    int emitJump(int op, int... operands) {
        int[] all = java.util.Arrays.copyOf(operands, operands.length + 1);
        emit(op, all);
        return code.size() - 1;
    }

    /** Points the jump whose operand is at {@code operandIndex} at the current end of code. */
    void patchJump(int operandIndex) {
        code.set(operandIndex, code.size() - (operandIndex + 1));
    }

    /** Emits a backward jump to {@code target}. */
    void emitLoop(int target) {
        emit(Opcodes.JUMP, 0);
        code.set(code.size() - 1, target - code.size());
    }

    int here() {
        return code.size();
    }

    int constant(Value v) {
        Object key = null;
        if (v instanceof IntValue i) key = "i" + i.value;
        else if (v instanceof StrValue s) key = "s" + s.str();
        else if (v instanceof FloatValue f) key = "f" + Double.doubleToRawLongBits(f.value);
        if (key != null) {
            Integer existing = constantIndex.get(key);
            if (existing != null) return existing;
            constantIndex.put(key, constants.size());
        }
        constants.add(v);
        return constants.size() - 1;
    }

    int stringConstant(String s) {
        return constant(StrValue.of(s));
    }

    // ---- scopes and slots ------------------------------------------------------------

    void beginScope() {
        scopeDepth++;
    }

    void endScope() {
        scopeDepth--;
        while (!locals.isEmpty() && locals.get(locals.size() - 1).depth > scopeDepth) {
            locals.remove(locals.size() - 1);
        }
    }

    int newSlot(String name) {
        int slot = nextSlot++;
        if (nextSlot > maxSlots) maxSlots = nextSlot;
        slotNames.add(name);
        return slot;
    }

    Local declare(String name, boolean mutable) {
        Local l = new Local(name, newSlot(name), mutable, false, null, scopeDepth);
        locals.add(l);
        return l;
    }

    Local declareAt(String name, int slot, boolean mutable, boolean global) {
        Local l = new Local(name, slot, mutable, global, null, scopeDepth);
        locals.add(l);
        return l;
    }

    void declareConstant(String name, Value value) {
        locals.add(new Local(name, -1, false, false, value, scopeDepth));
    }

    Local findLocal(String name) {
        for (int i = locals.size() - 1; i >= 0; i--) {
            Local l = locals.get(i);
            if (l.name.equals(name)) return l;
        }
        return null;
    }

    int findCapture(String name) {
        return captureNames.indexOf(name);
    }

    int addCapture(String name, int kind, int index) {
        captureNames.add(name);
        captureKinds.add(kind);
        captureIndexes.add(index);
        return captureNames.size() - 1;
    }

    LoopContext findLoop(String label) {
        for (int i = loops.size() - 1; i >= 0; i--) {
            LoopContext l = loops.get(i);
            if (label == null || label.equals(l.label)) return l;
        }
        return null;
    }

    Proto finish(ParamSpec params) {
        return new Proto(name, code.toArray(), lines.toArray(), columns.toArray(), constants.toArray(new Value[0]),
                protos.toArray(new Proto[0]), maxSlots, maxStack + Proto.STACK_MARGIN, slotNames.toArray(new String[0]), params,
                captureKinds.stream().mapToInt(Integer::intValue).toArray(),
                captureIndexes.stream().mapToInt(Integer::intValue).toArray(),
                captureNames.toArray(new String[0]));
    }
}
