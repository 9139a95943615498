package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.LoopCode;
import dev.ion.engine.compile.MethodIds;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.Meter;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.Signal;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;

/**
 * The one dispatch loop (Lua's {@code lvm.c}). It runs a task until the task finishes, fails, parks or uses
 * up its turn, and returns which ({@link Turn}). Ion-to-Ion calls push a heap {@link Frame} and stay in the
 * loop; natives that call back into Ion are resumed through continuation frames.
 *
 * <p>Two levels: {@link #runFast} executes the common case of the hot instructions with the task's state in
 * locals, and leaves every other case to {@link #slow}, which executes one instruction in full. What is not
 * dispatch lives beside it: calls, returns and continuations in {@link Calls}, error unwinding in
 * {@link Unwinding}, the turn's fuel in {@link TurnBudget}, and the larger instruction bodies in
 * {@link CollectionOps}, {@link PatternOps} and {@link ConcurrencyOps}.
 */
public final class Interpreter {
    private Interpreter() {
    }

    private static volatile LoopCompiler chosenLoopCompiler;

    /**
     * Makes {@code compiler} the second tier, instead of the first {@link LoopCompiler} service on the class
     * path: an application that knows its tier saves the look-up (a service file search of every module and
     * jar, ~15 ms of start-up). Takes effect only when called before the engine's first use.
     */
    public static void useLoopCompiler(LoopCompiler compiler) {
        chosenLoopCompiler = compiler;
    }

    static LoopCompiler chosenLoopCompiler() {
        return chosenLoopCompiler;
    }

    /**
     * Settles the second tier's compiler and lets it warm up on its own thread: done once per JVM, early, so
     * that the first hot loop does not wait for it.
     */
    public static void prepareSecondTier() {
        LoopTier.load();
    }

    /** Runs {@code t} for one turn of at most {@code quantum} instructions. */
    public static Turn run(Task t) {
        Meter.Sink previous = Meter.enter(t);
        try {
            return runTurn(t);
        } finally {
            Meter.restore(previous);
        }
    }

    private static Turn runTurn(Task t) {
        TurnBudget.open(t);
        t.status = Task.Status.RUNNING;
        try {
            if (t.run.cancelled) throw IonException.cancelled();
            if (Calls.resumeParked(t) == Step.PARKED) return finish(t, Turn.PARKED);
        } catch (IonException e) {
            if (!Unwinding.raise(t, e)) return finish(t, Turn.FAILED);
        } catch (RuntimeException | StackOverflowError e) {
            if (!Unwinding.raise(t, Unwinding.internal(e))) return finish(t, Turn.FAILED);
        }
        t.betweenInstructions = false;
        while (true) {
            try {
                return finish(t, loop(t));
            } catch (IonException e) {
                if (!Unwinding.raise(t, e)) return finish(t, Turn.FAILED);
            } catch (RuntimeException | StackOverflowError e) {
                if (!Unwinding.raise(t, Unwinding.internal(e))) return finish(t, Turn.FAILED);
            }
        }
    }

    private static Turn finish(Task t, Turn turn) {
        TurnBudget.settle(t);
        t.status = turn.taskStatus();
        return turn;
    }

    private static Turn loop(Task t) {
        while (true) {
            int exit = dispatch(t);
            if (exit == FastExit.REDISPATCH) continue;
            if (FastExit.outOfBudget(exit)) {
                LoopTier.turnEnded(t.frames[t.fp]);
                // the limits are checked before the next instruction runs: that one is where the task stands
                t.betweenInstructions = true;
                if (TurnBudget.exhausted(t)) return Turn.YIELDED;
                t.betweenInstructions = false;
            } else {
                Step step = slow(t, exit);
                if (step != Step.CONTINUE) return step == Step.DONE ? Turn.DONE : Turn.PARKED;
            }
            // only slow paths allocate: the memory check they made due runs before the next instruction
            if (t.run.memory.isDue()) return Turn.YIELDED;
        }
    }

    /** Runs the task's function in its compiled loops when its frame stands at one's head, else in {@link #runFast}. */
    private static int dispatch(Task t) {
        Frame frame = t.frames[t.fp];
        Proto p = frame.proto;
        if (p != null && !frame.isNative()) {
            if (LoopTier.EAGER && p.tierState == LoopCode.UNTRIED) LoopTier.compile(p);
            if (p.loopCode instanceof CompiledLoops loops && loops.entersAt(frame.pc)) {
                int exit = loops.run(t, frame);
                if (loops.bounces(exit)) LoopTier.abandon(p);
                return exit;
            }
        }
        return runFast(t);
    }

    /**
     * Whether a backward jump of the fast loop to {@code pc} reached the head of a compiled loop (or, with
     * the tier eager, a function whose loops were never compiled): then the loop leaves the task to
     * {@link #dispatch}.
     */
    private static boolean compiledHead(Frame frame, int pc) {
        Proto p = frame.proto;
        LoopCode loops = p.loopCode;
        return loops != null ? loops.entersAt(pc) : LoopTier.EAGER && p.tierState == LoopCode.UNTRIED;
    }

    /**
     * Runs instructions for as long as they take their common, simple path, then saves
     * the task's state and returns the opcode that needs the general path in {@link #slow}
     * (with the frame's pc just after the opcode) or {@link FastExit#OUT_OF_BUDGET}.
     *
     * <p>This loop calls no method that is not inlined, which keeps each fast path a few
     * machine instructions; errors, natives (but for a few method calls on lists and dicts
     * that cannot fail, park or call back), continuations and parking all live in
     * {@code slow}. An instruction leaves for {@code slow} before it changes anything, so
     * {@code slow} can execute it from the start. Nothing here may charge through
     * {@link Meter} (a copying push, a dict's conversion, hashing a long key): the task's budget and position
     * live in locals until the loop exits, so those cases leave for {@code slow} too.
     */
    private static int runFast(Task t) {
        Frame frame = t.frames[t.fp];
        int[] code = frame.proto.code;
        Value[] stack = t.stack;
        Value[] globals = t.run.globals;
        int base = frame.base;
        int pc = frame.pc;
        int sp = t.sp;
        long budget = t.budget;
        int op;
        dispatch:
        while (true) {
            if (--budget < 0) {
                op = FastExit.OUT_OF_BUDGET;
                break;
            }
            op = code[pc++];
            switch (op) {
                case Opcodes.CONST -> stack[sp++] = frame.constants[code[pc++]];
                case Opcodes.POP -> stack[--sp] = null;
                case Opcodes.LOAD -> stack[sp++] = stack[base + code[pc++]];
                case Opcodes.LOAD2 -> {
                    stack[sp] = stack[base + code[pc]];
                    stack[sp + 1] = stack[base + code[pc + 1]];
                    sp += 2;
                    pc += 2;
                }
                case Opcodes.STORE -> {
                    stack[base + code[pc++]] = stack[--sp];
                    stack[sp] = null;
                }
                case Opcodes.LOAD_GLOBAL -> {
                    Value v = globals[code[pc]];
                    if (v == null) break dispatch;
                    stack[sp++] = v;
                    pc += 2;
                }
                case Opcodes.STORE_GLOBAL -> {
                    globals[code[pc++]] = stack[--sp];
                    stack[sp] = null;
                }
                case Opcodes.LOAD_CAPTURE -> stack[sp++] = frame.closure.captures[code[pc++]];
                case Opcodes.ADD, Opcodes.SUB -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                    long b = op == Opcodes.ADD ? y.value : -y.value;
                    long r = x.value + b;
                    if (((x.value ^ r) & (b ^ r)) < 0 || b == Long.MIN_VALUE) break dispatch;
                    stack[sp - 2] = IntValue.of(r);
                    stack[--sp] = null;
                }
                case Opcodes.MUL -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)
                            || x.value != (int) x.value || y.value != (int) y.value) break dispatch;
                    stack[sp - 2] = IntValue.of(x.value * y.value);
                    stack[--sp] = null;
                }
                case Opcodes.MOD -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)
                            || y.value <= 0) break dispatch;
                    stack[sp - 2] = IntValue.of(x.value % y.value);
                    stack[--sp] = null;
                }
                case Opcodes.EQ, Opcodes.NE -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                    stack[sp - 2] = BoolValue.of((x.value == y.value) == (op == Opcodes.EQ));
                    stack[--sp] = null;
                }
                case Opcodes.ADD_CONST, Opcodes.SUB_CONST -> {
                    if (!(stack[sp - 1] instanceof IntValue x)) break dispatch;
                    long n = op == Opcodes.ADD_CONST ? code[pc] : -(long) code[pc];
                    long r = x.value + n;
                    if (((x.value ^ r) & (n ^ r)) < 0) break dispatch;
                    stack[sp - 1] = IntValue.of(r);
                    pc++;
                }
                case Opcodes.LOAD_ADD_CONST, Opcodes.LOAD_SUB_CONST -> {
                    if (!(stack[base + code[pc]] instanceof IntValue x)) break dispatch;
                    long n = op == Opcodes.LOAD_ADD_CONST ? code[pc + 1] : -(long) code[pc + 1];
                    long r = x.value + n;
                    if (((x.value ^ r) & (n ^ r)) < 0) break dispatch;
                    stack[sp++] = IntValue.of(r);
                    pc += 2;
                }
                case Opcodes.ADD_INT -> {
                    int slot = base + code[pc];
                    if (!(stack[slot] instanceof IntValue x)) break dispatch;
                    long n = code[pc + 1];
                    long r = x.value + n;
                    if (((x.value ^ r) & (n ^ r)) < 0) break dispatch;
                    stack[slot] = IntValue.of(r);
                    pc += 2;
                }
                case Opcodes.ADD_TO -> {
                    int slot = base + code[pc];
                    if (!(stack[slot] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                    long r = x.value + y.value;
                    if (((x.value ^ r) & (y.value ^ r)) < 0) break dispatch;
                    stack[slot] = IntValue.of(r);
                    stack[--sp] = null;
                    pc++;
                }
                case Opcodes.ADD_LOCALS -> {
                    if (!(stack[base + code[pc]] instanceof IntValue x)
                            || !(stack[base + code[pc + 1]] instanceof IntValue y)) break dispatch;
                    long r = x.value + y.value;
                    if (((x.value ^ r) & (y.value ^ r)) < 0) break dispatch;
                    stack[sp++] = IntValue.of(r);
                    pc += 2;
                }
                case Opcodes.MUL_LOCALS -> {
                    if (!(stack[base + code[pc]] instanceof IntValue x) || x.value != (int) x.value
                            || !(stack[base + code[pc + 1]] instanceof IntValue y) || y.value != (int) y.value) {
                        break dispatch;
                    }
                    stack[sp++] = IntValue.of(x.value * y.value);
                    pc += 2;
                }
                case Opcodes.MUL_CONST -> {
                    if (!(stack[sp - 1] instanceof IntValue x) || x.value != (int) x.value) break dispatch;
                    stack[sp - 1] = IntValue.of(x.value * code[pc]);
                    pc++;
                }
                case Opcodes.MOD_CONST -> {
                    if (!(stack[sp - 1] instanceof IntValue x)) break dispatch;
                    stack[sp - 1] = IntValue.of(x.value % code[pc]);
                    pc++;
                }
                case Opcodes.JUMP -> {
                    int off = code[pc];
                    pc += off + 1;
                    if (off < 0 && compiledHead(frame, pc)) {
                        op = FastExit.REDISPATCH;
                        break dispatch;
                    }
                }
                case Opcodes.JUMP_UNLESS -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                    stack[--sp] = null;
                    stack[--sp] = null;
                    pc += compare(code[pc], x.value, y.value) ? 2 : 2 + code[pc + 1];
                }
                case Opcodes.JUMP_UNLESS_LOCAL -> {
                    if (!(stack[base + code[pc + 1]] instanceof IntValue x)) break dispatch;
                    pc += compare(code[pc], x.value, code[pc + 2]) ? 4 : 4 + code[pc + 3];
                }
                case Opcodes.JUMP_IF -> {
                    if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                    stack[--sp] = null;
                    stack[--sp] = null;
                    if (compare(code[pc], x.value, y.value)) {
                        int off = code[pc + 1];
                        pc += 2 + off;
                        if (off < 0 && compiledHead(frame, pc)) {
                            op = FastExit.REDISPATCH;
                            break dispatch;
                        }
                    } else {
                        pc += 2;
                    }
                }
                case Opcodes.JUMP_IF_LOCAL -> {
                    if (!(stack[base + code[pc + 1]] instanceof IntValue x)) break dispatch;
                    if (compare(code[pc], x.value, code[pc + 2])) {
                        int off = code[pc + 3];
                        pc += 4 + off;
                        if (off < 0 && compiledHead(frame, pc)) {
                            op = FastExit.REDISPATCH;
                            break dispatch;
                        }
                    } else {
                        pc += 4;
                    }
                }
                case Opcodes.JUMP_IF_FALSE -> {
                    Value v = stack[sp - 1];
                    if (v != BoolValue.TRUE && v != BoolValue.FALSE) break dispatch;
                    stack[--sp] = null;
                    int off = v == BoolValue.FALSE ? code[pc] : 0;
                    pc += 1 + off;
                    if (off < 0 && compiledHead(frame, pc)) {
                        op = FastExit.REDISPATCH;
                        break dispatch;
                    }
                }
                case Opcodes.JUMP_IF_TRUE -> {
                    Value v = stack[sp - 1];
                    if (v != BoolValue.TRUE && v != BoolValue.FALSE) break dispatch;
                    stack[--sp] = null;
                    int off = v == BoolValue.TRUE ? code[pc] : 0;
                    pc += 1 + off;
                    if (off < 0 && compiledHead(frame, pc)) {
                        op = FastExit.REDISPATCH;
                        break dispatch;
                    }
                }
                case Opcodes.NOT -> {
                    Value v = stack[sp - 1];
                    if (v != BoolValue.TRUE && v != BoolValue.FALSE) break dispatch;
                    stack[sp - 1] = v == BoolValue.TRUE ? BoolValue.FALSE : BoolValue.TRUE;
                }
                case Opcodes.INDEX -> {
                    Value v;
                    if (stack[sp - 2] instanceof ListValue l) {
                        if (!(stack[sp - 1] instanceof IntValue i) || i.value < 0 || i.value >= l.size()) break dispatch;
                        v = l.get((int) i.value);
                    } else if (stack[sp - 2] instanceof DictValue d && stack[sp - 1] instanceof StrValue k
                            && k.hashesUncharged()) {
                        v = d.get(k.str());
                        if (v == null) break dispatch;
                    } else {
                        break dispatch;
                    }
                    stack[sp - 2] = v;
                    stack[--sp] = null;
                }
                case Opcodes.SET_INDEX -> {
                    // a dict under a string key: what Access.setIndex and chargeBuilt do, the 16 bytes charged inline
                    if (!(stack[sp - 3] instanceof DictValue d) || !(stack[sp - 2] instanceof StrValue k)
                            || !k.hashesUncharged() || !fits(t.run, 16)) break dispatch;
                    DictValue updated = d.insertWithoutConversion(k.str(), stack[sp - 1]);
                    if (updated == null) break dispatch;
                    charge(t.run, 16);
                    stack[sp - 3] = updated;
                    stack[--sp] = null;
                    stack[--sp] = null;
                }
                case Opcodes.TO_STR -> {
                    Value v = stack[sp - 1];
                    if (v instanceof IntValue i) {
                        String text = Long.toString(i.value);
                        budget -= text.length() / 16;
                        stack[sp - 1] = StrValue.of(text);
                    } else if (!(v instanceof StrValue)) {
                        break dispatch;
                    }
                }
                case Opcodes.CONCAT -> {
                    if (code[pc] != 2 || !(stack[sp - 2] instanceof StrValue a) || !(stack[sp - 1] instanceof StrValue b)) {
                        break dispatch;
                    }
                    // what CollectionOps.concat charges, when the run stays under its memory limit
                    long length = (long) a.javaLength() + b.javaLength();
                    if (length > Integer.MAX_VALUE - 16 || !fits(t.run, 2 * length)) break dispatch;
                    charge(t.run, 2 * length);
                    budget -= length / 16;
                    stack[sp - 2] = StrValue.of(a.str().concat(b.str()));
                    stack[--sp] = null;
                    pc++;
                }
                case Opcodes.ITER_NEXT -> {
                    Value it = stack[base + code[pc]];
                    if (it instanceof IteratorValue.Indexed ix) {
                        if (ix.next < ix.size) {
                            stack[sp++] = ix.at(ix.next++);
                            pc += 2;
                        } else {
                            pc += 2 + code[pc + 1];
                        }
                    } else if (it instanceof IteratorValue.Counting c && c.next < c.end) {
                        stack[sp++] = IntValue.of(c.next++);
                        pc += 2;
                    } else {
                        break dispatch;
                    }
                }
                case Opcodes.FOR_NEXT -> {
                    Value it = stack[base + code[pc]];
                    Value next;
                    // a counting iterator's end can still yield a value (0..=i64::MAX): its next() decides
                    if (it instanceof IteratorValue.Counting c && c.next < c.end) next = IntValue.of(c.next++);
                    else if (it instanceof IteratorValue.Indexed ix) next = ix.next < ix.size ? ix.at(ix.next++) : null;
                    else break dispatch;
                    if (next != null) {
                        stack[base + code[pc + 1]] = next;
                        pc += 3 + code[pc + 2];
                        if (compiledHead(frame, pc)) {
                            op = FastExit.REDISPATCH;
                            break dispatch;
                        }
                    } else {
                        pc += 3;
                    }
                }
                case Opcodes.GET_ITEM -> {
                    Value v = stack[sp - 1];
                    if (v instanceof TupleValue tv) stack[sp - 1] = tv.get(code[pc++]);
                    else if (v instanceof ListValue l) stack[sp - 1] = l.get(code[pc++]);
                    else break dispatch;
                }
                case Opcodes.QUESTION -> {
                    Value v = stack[sp - 1];
                    if (v instanceof ResultValue r && r.isOk()) stack[sp - 1] = r.value();
                    else if (v instanceof OptionValue o && o.isSome()) stack[sp - 1] = o.value();
                    else break dispatch;
                }
                case Opcodes.CALL, Opcodes.CALL_GLOBAL -> {
                    boolean direct = op == Opcodes.CALL_GLOBAL;
                    int argc = code[direct ? pc + 1 : pc];
                    int cs = direct ? sp - argc : sp - argc - 1;
                    Value callee = direct ? globals[code[pc]] : stack[cs];
                    if (!(callee instanceof Closure c)) break dispatch;
                    Proto p = c.proto;
                    // next is null the first time the task gets this deep, and past max_call_depth
                    Frame next = frame.next;
                    int newBase = cs + 1;
                    if (p.simpleArity != argc || next == null || frame.depth > t.maxCallDepth
                            || newBase + p.frameSize > stack.length) break dispatch;
                    if (direct) {
                        for (int i = sp; i > cs; i--) stack[i] = stack[i - 1];
                        stack[cs] = callee;
                        pc += 2;
                    } else {
                        pc += 1;
                    }
                    frame.pc = pc;
                    frame = next;
                    frame.enterIon(c, newBase);
                    base = newBase;
                    sp = base + p.maxLocals;
                    for (int i = base + argc; i < sp; i++) stack[i] = null;
                    code = p.code;
                    pc = 0;
                }
                case Opcodes.CALL_METHOD -> {
                    // a few natives that cannot fail, park or call back, on exactly their receiver type and
                    // argument shape; anything else (wrong arity or types included) takes Calls.callMethod
                    int argc = code[pc + 1];
                    int cs = sp - argc - 1;
                    Value receiver = stack[cs];
                    Value result;
                    int method = frame.proto.methodIds[code[pc]];
                    if (method == MethodIds.PUSH) {
                        // a push that copies charges the copy through Meter, which needs the task's state saved
                        if (argc != 1 || !(receiver instanceof ListValue l) || l.pushCopies()) break dispatch;
                        // what Budget.allocate(cx, 8) charges
                        if (!fits(t.run, 8)) break dispatch;
                        charge(t.run, 8);
                        result = l.push(stack[sp - 1]);
                    } else if (method == MethodIds.LEN) {
                        if (argc != 0) break dispatch;
                        if (receiver instanceof ListValue l) result = IntValue.of(l.size());
                        else if (receiver instanceof DictValue d) result = IntValue.of(d.size());
                        else break dispatch;
                    } else if (method == MethodIds.GET || method == MethodIds.CONTAINS_KEY) {
                        if (argc != 1 || !(receiver instanceof DictValue d) || !(stack[sp - 1] instanceof StrValue k)
                                || !k.hashesUncharged()) break dispatch;
                        Value v = d.get(k.str());
                        result = method == MethodIds.GET ? OptionValue.of(v) : BoolValue.of(v != null);
                    } else if (method == MethodIds.UNWRAP) {
                        if (argc != 0 || (result = TierOps.unwrapMethod(receiver)) == null) break dispatch;
                    } else {
                        break dispatch;
                    }
                    while (sp > cs + 1) stack[--sp] = null;
                    stack[cs] = result;
                    pc += 2;
                }
                case Opcodes.RETURN, Opcodes.RETURN_LOCAL, Opcodes.RETURN_ADD -> {
                    Frame caller = frame.caller;
                    if (caller == null || caller.continuation != null || !t.handlers.isEmpty()) break dispatch;
                    Value result;
                    if (op == Opcodes.RETURN) {
                        result = stack[sp - 1];
                    } else if (op == Opcodes.RETURN_LOCAL) {
                        result = stack[base + code[pc]];
                    } else {
                        if (!(stack[sp - 2] instanceof IntValue x) || !(stack[sp - 1] instanceof IntValue y)) break dispatch;
                        long r = x.value + y.value;
                        if (((x.value ^ r) & (y.value ^ r)) < 0) break dispatch;
                        result = IntValue.of(r);
                    }
                    // slots above the caller's stack top are left stale: nothing reads them before writing
                    sp = base;
                    stack[sp - 1] = result;
                    frame = caller;
                    code = caller.code;
                    base = caller.base;
                    pc = caller.pc;
                }
                default -> {
                    break dispatch;
                }
            }
        }
        frame.pc = pc;
        t.fp = frame.depth;
        t.sp = sp;
        t.budget = budget;
        return op;
    }

    /** Whether charging {@code bytes} leaves the run under its memory limit (otherwise the slow path charges them). */
    static boolean fits(RunState run, long bytes) {
        return run.allocatedBytes + bytes <= run.limits.maxMemoryBytes();
    }

    /** Charges {@code bytes} that {@link #fits} the run, as {@link Task#allocate} does. */
    static void charge(RunState run, long bytes) {
        long allocated = run.allocatedBytes + bytes;
        run.allocatedBytes = allocated;
        if (allocated > run.peakBytes) run.peakBytes = allocated;
    }

    static boolean compare(int comparison, long a, long b) {
        return switch (comparison) {
            case 0 -> a < b;
            case 1 -> a <= b;
            case 2 -> a > b;
            default -> a >= b;
        };
    }

    /**
     * Executes one instruction in full: every case {@link #runFast} leaves to it, and the
     * instructions it never handles. State is exchanged through the task and its frame
     * (the frame's pc just after the opcode). A case that hands the task to {@link Calls} or
     * {@link ConcurrencyOps} saves the state first and returns what they did; every other case
     * works on locals, saved at the end.
     */
    private static Step slow(Task t, int op) {
        Frame frame = t.frames[t.fp];
        Proto proto = frame.proto;
        int[] code = proto.code;
        Value[] consts = proto.constants;
        Value[] stack = t.stack;
        int base = frame.base;
        int pc = frame.pc;
        int sp = t.sp;
        long budget = t.budget;
        switch (op) {
            // ---- stack, globals, arithmetic --------------------------------------------
            case Opcodes.UNIT -> stack[sp++] = UnitValue.UNIT;
            case Opcodes.TRUE -> stack[sp++] = BoolValue.TRUE;
            case Opcodes.FALSE -> stack[sp++] = BoolValue.FALSE;
            case Opcodes.NONE -> stack[sp++] = OptionValue.NONE;
            case Opcodes.DUP -> {
                stack[sp] = stack[sp - 1];
                sp++;
            }
            case Opcodes.POPN -> {
                int n = code[pc++];
                for (int i = 0; i < n; i++) stack[--sp] = null;
            }
            case Opcodes.LOAD_SELF -> stack[sp++] = frame.closure;
            case Opcodes.LOAD_GLOBAL -> {
                Value v = t.run.globals[code[pc++]];
                String name = constStr(consts, code[pc++]);
                frame.pc = pc;
                if (v == null) throw IonException.name("variable '" + name + "' is used before it is defined");
                stack[sp++] = v;
            }
            case Opcodes.UNDEFINED -> {
                Value v = t.run.dynamicGlobals.get(constStr(consts, code[pc++]));
                String message = constStr(consts, code[pc++]);
                frame.pc = pc;
                if (v == null) throw IonException.name(message);
                stack[sp++] = v;
            }
            case Opcodes.ADD, Opcodes.SUB, Opcodes.MUL, Opcodes.MOD, Opcodes.EQ, Opcodes.NE -> {
                Value b = stack[--sp];
                Value a = stack[sp - 1];
                stack[sp] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = Arith.binary(t, op, a, b);
                budget = t.budget;
            }
            case Opcodes.DIV -> {
                Value b = stack[--sp];
                frame.pc = pc;
                stack[sp - 1] = Arith.div(stack[sp - 1], b);
                stack[sp] = null;
            }
            case Opcodes.BAND, Opcodes.BOR, Opcodes.BXOR, Opcodes.SHL, Opcodes.SHR -> {
                Value b = stack[--sp];
                frame.pc = pc;
                stack[sp - 1] = Arith.bitwise(op - Opcodes.BAND, stack[sp - 1], b);
                stack[sp] = null;
            }
            case Opcodes.NEG -> {
                frame.pc = pc;
                stack[sp - 1] = Arith.neg(stack[sp - 1]);
            }
            case Opcodes.ADD_CONST, Opcodes.SUB_CONST -> {
                IntValue n = IntValue.of(code[pc++]);
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = op == Opcodes.ADD_CONST ? Arith.add(t, stack[sp - 1], n) : Arith.sub(stack[sp - 1], n);
                budget = t.budget;
            }
            case Opcodes.LOAD_ADD_CONST, Opcodes.LOAD_SUB_CONST -> {
                Value a = stack[base + code[pc++]];
                IntValue n = IntValue.of(code[pc++]);
                frame.pc = pc;
                t.budget = budget;
                stack[sp++] = op == Opcodes.LOAD_ADD_CONST ? Arith.add(t, a, n) : Arith.sub(a, n);
                budget = t.budget;
            }
            case Opcodes.ADD_INT -> {
                int slot = base + code[pc++];
                IntValue n = IntValue.of(code[pc++]);
                frame.pc = pc;
                t.budget = budget;
                stack[slot] = Arith.add(t, stack[slot], n);
                budget = t.budget;
            }
            case Opcodes.ADD_TO -> {
                int slot = base + code[pc++];
                Value b = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[slot] = Arith.add(t, stack[slot], b);
                budget = t.budget;
            }
            case Opcodes.ADD_LOCALS, Opcodes.MUL_LOCALS -> {
                Value a = stack[base + code[pc++]];
                Value b = stack[base + code[pc++]];
                frame.pc = pc;
                t.budget = budget;
                stack[sp++] = op == Opcodes.ADD_LOCALS ? Arith.add(t, a, b) : Arith.mul(t, a, b);
                budget = t.budget;
            }
            case Opcodes.MUL_CONST -> {
                IntValue n = IntValue.of(code[pc++]);
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = Arith.mul(t, stack[sp - 1], n);
                budget = t.budget;
            }
            case Opcodes.MOD_CONST -> {
                IntValue n = IntValue.of(code[pc++]);
                frame.pc = pc;
                stack[sp - 1] = Arith.mod(stack[sp - 1], n);
            }
            case Opcodes.LT, Opcodes.LE, Opcodes.GT, Opcodes.GE -> {
                Value b = stack[--sp];
                Value a = stack[sp - 1];
                if (a instanceof IntValue x && b instanceof IntValue y) {
                    stack[sp - 1] = BoolValue.of(compare(op - Opcodes.LT, x.value, y.value));
                } else {
                    frame.pc = pc;
                    t.budget = budget;
                    stack[sp - 1] = Arith.compare(op - Opcodes.LT, a, b);
                    budget = t.budget;
                }
                stack[sp] = null;
            }
            case Opcodes.NOT -> stack[sp - 1] = BoolValue.of(!stack[sp - 1].truthy());
            case Opcodes.TO_BOOL -> stack[sp - 1] = BoolValue.of(stack[sp - 1].truthy());

            // ---- jumps and iteration -----------------------------------------------------
            case Opcodes.JUMP_IF_TRUE -> {
                int off = code[pc++];
                Value v = stack[--sp];
                stack[sp] = null;
                if (v == BoolValue.TRUE || (v != BoolValue.FALSE && v.truthy())) pc += off;
            }
            case Opcodes.JUMP_IF_FALSE -> {
                int off = code[pc++];
                Value v = stack[--sp];
                stack[sp] = null;
                if (!v.truthy()) pc += off;
            }
            case Opcodes.JUMP_UNLESS, Opcodes.JUMP_UNLESS_LOCAL, Opcodes.JUMP_IF, Opcodes.JUMP_IF_LOCAL -> {
                int c = code[pc++];
                Value a;
                Value b;
                if (op == Opcodes.JUMP_UNLESS || op == Opcodes.JUMP_IF) {
                    b = stack[--sp];
                    a = stack[--sp];
                    stack[sp] = null;
                    stack[sp + 1] = null;
                } else {
                    a = stack[base + code[pc++]];
                    b = IntValue.of(code[pc++]);
                }
                int off = code[pc++];
                frame.pc = pc;
                t.budget = budget;
                boolean jumpWhen = op == Opcodes.JUMP_IF || op == Opcodes.JUMP_IF_LOCAL;
                if (Arith.compare(c, a, b).value == jumpWhen) pc += off;
                budget = t.budget;
            }
            case Opcodes.ITER -> {
                frame.pc = pc;
                stack[sp - 1] = IteratorValue.of(stack[sp - 1]);
            }
            case Opcodes.ITER_NEXT -> {
                int slot = code[pc++];
                int off = code[pc++];
                Value next = ((IteratorValue) stack[base + slot]).next();
                if (next == null) pc += off;
                else stack[sp++] = next;
            }
            case Opcodes.FOR_NEXT -> {
                int iter = code[pc++];
                int slot = code[pc++];
                int off = code[pc++];
                Value next = ((IteratorValue) stack[base + iter]).next();
                if (next != null) {
                    stack[base + slot] = next;
                    pc += off;
                }
            }
            case Opcodes.DEFAULT_ARG -> {
                int slot = code[pc++];
                int off = code[pc++];
                if (stack[base + slot] != Signal.MISSING) pc += off;
            }

            // ---- access and collections ------------------------------------------------
            case Opcodes.INDEX -> {
                Value i = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                stack[sp - 1] = Access.index(stack[sp - 1], i);
            }
            case Opcodes.FIELD -> {
                String name = constStr(consts, code[pc++]);
                frame.pc = pc;
                stack[sp - 1] = Access.field(stack[sp - 1], name);
            }
            case Opcodes.GET_ITEM -> {
                // the compiler tests the shape first, so the fast loop always takes this
                frame.pc = pc + 1;
                throw new IllegalStateException("GET_ITEM on " + stack[sp - 1].typeName());
            }
            case Opcodes.SET_INDEX -> {
                Value v = stack[--sp];
                Value i = stack[--sp];
                stack[sp] = null;
                stack[sp + 1] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = CollectionOps.chargeBuilt(t, Access.setIndex(stack[sp - 1], i, v));
                budget = t.budget;
            }
            case Opcodes.SET_FIELD -> {
                String name = constStr(consts, code[pc++]);
                Value v = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                stack[sp - 1] = Access.setField(stack[sp - 1], name, v);
            }
            case Opcodes.SLICE -> {
                int flags = code[pc++];
                Value hi = (flags & 2) != 0 ? stack[--sp] : null;
                Value lo = (flags & 1) != 0 ? stack[--sp] : null;
                stack[sp] = null;
                stack[sp + 1] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = CollectionOps.chargeBuilt(t, Access.slice(stack[sp - 1], lo, hi, (flags & 4) != 0));
                budget = t.budget;
            }
            case Opcodes.RANGE -> {
                boolean inclusive = code[pc++] == 1;
                Value b = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                stack[sp - 1] = CollectionOps.range(stack[sp - 1], b, inclusive);
            }
            case Opcodes.MAKE_LIST -> {
                int n = code[pc++];
                Value[] items = CollectionOps.popN(stack, sp, n);
                sp -= n;
                stack[sp++] = ListValue.of(items);
                t.allocate(16 + 8L * n);
            }
            case Opcodes.MAKE_TUPLE -> {
                int n = code[pc++];
                Value[] items = CollectionOps.popN(stack, sp, n);
                sp -= n;
                stack[sp++] = TupleValue.of(items);
            }
            case Opcodes.LIST_APPEND -> {
                Value v = stack[--sp];
                stack[sp] = null;
                t.allocate(8);
                stack[sp - 1] = ((ListValue) stack[sp - 1]).push(v);
            }
            case Opcodes.LIST_EXTEND -> {
                Value it = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = CollectionOps.extend(t, (ListValue) stack[sp - 1], it);
                budget = t.budget;
            }
            case Opcodes.LIST_TO_TUPLE -> stack[sp - 1] = TupleValue.of(((ListValue) stack[sp - 1]).toArray());
            case Opcodes.MAKE_DICT -> {
                int n = 2 * code[pc++];
                Value[] keysAndValues = CollectionOps.popN(stack, sp, n);
                sp -= n;
                frame.pc = pc;
                stack[sp++] = CollectionOps.makeDict(t, keysAndValues);
            }
            case Opcodes.DICT_INSERT -> {
                Value v = stack[--sp];
                Value k = stack[--sp];
                stack[sp] = null;
                stack[sp + 1] = null;
                frame.pc = pc;
                stack[sp - 1] = CollectionOps.insert(t, (DictValue) stack[sp - 1], k, v);
            }
            case Opcodes.DICT_SPREAD -> {
                Value d = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = CollectionOps.spread(t, (DictValue) stack[sp - 1], d);
                budget = t.budget;
            }
            case Opcodes.TO_STR -> {
                Value v = stack[sp - 1];
                if (!(v instanceof StrValue)) {
                    String s = Printer.display(v);
                    budget -= s.length() / 16;
                    stack[sp - 1] = StrValue.of(s);
                }
            }
            case Opcodes.CONCAT -> {
                int n = code[pc++];
                t.budget = budget;
                Value joined = CollectionOps.concat(t, stack, sp, n);
                sp -= n;
                stack[sp++] = joined;
                budget = t.budget;
            }

            // ---- patterns ----------------------------------------------------------------
            case Opcodes.WRAP -> stack[sp - 1] = PatternOps.wrap(code[pc++], stack[sp - 1]);
            case Opcodes.TEST_NONE -> stack[sp - 1] = BoolValue.of(stack[sp - 1] == OptionValue.NONE);
            case Opcodes.TEST_WRAP -> stack[sp - 1] = PatternOps.testWrap(code[pc++], stack[sp - 1]);
            case Opcodes.UNWRAP -> stack[sp - 1] = PatternOps.unwrap(stack[sp - 1]);
            case Opcodes.TEST_TUPLE -> stack[sp - 1] = PatternOps.testTuple(stack[sp - 1], code[pc++]);
            case Opcodes.TEST_LIST -> {
                stack[sp - 1] = PatternOps.testList(stack[sp - 1], code[pc], code[pc + 1] == 1);
                pc += 2;
            }
            case Opcodes.LIST_REST -> {
                int i = code[pc++];
                ListValue l = (ListValue) stack[sp - 1];
                stack[sp - 1] = l.slice(i, l.size());
                budget -= (l.size() - i) / 8;
            }
            case Opcodes.TEST_ENUM -> {
                stack[sp - 1] = PatternOps.testEnum(stack[sp - 1], constStr(consts, code[pc]), code[pc + 1]);
                pc += 2;
            }
            case Opcodes.TEST_STRUCT -> {
                String name = constStr(consts, code[pc++]);
                stack[sp - 1] = PatternOps.testStruct(stack[sp - 1], name);
            }
            case Opcodes.GET_PAYLOAD -> stack[sp - 1] = ((EnumValue) stack[sp - 1]).payload()[code[pc++]];
            case Opcodes.TEST_EQ -> {
                Value b = stack[--sp];
                stack[sp] = null;
                stack[sp - 1] = PatternOps.testEq(stack[sp - 1], b);
            }
            case Opcodes.TEST_RANGE -> {
                int flags = code[pc++];
                Value hi = (flags & 2) != 0 ? stack[--sp] : null;
                Value lo = (flags & 1) != 0 ? stack[--sp] : null;
                stack[sp] = null;
                stack[sp + 1] = null;
                stack[sp - 1] = PatternOps.testRange(stack[sp - 1], lo, hi, (flags & 4) != 0);
            }
            case Opcodes.TYPE_CHECK -> {
                String type = constStr(consts, code[pc++]);
                frame.pc = pc;
                PatternOps.typeCheck(type, stack[sp - 1]);
            }
            case Opcodes.MATCH_FAIL -> {
                frame.pc = pc + 1;
                throw IonException.runtime(constStr(consts, code[pc]));
            }
            case Opcodes.TRY_BEGIN -> {
                int off = code[pc++];
                t.handlers.add(new Handler(t.fp, pc + off, sp));
            }
            case Opcodes.TRY_END -> t.handlers.remove(t.handlers.size() - 1);

            // ---- calls, returns, concurrency: the task's state is saved before they run ---------
            case Opcodes.CLOSURE -> stack[sp++] = Calls.closure(t, frame, proto.protos[code[pc++]]);
            case Opcodes.CALL, Opcodes.CALL_GLOBAL -> {
                int argc;
                int cs;
                if (op == Opcodes.CALL) {
                    argc = code[pc++];
                    cs = sp - argc - 1;
                } else {
                    Value callee = t.run.globals[code[pc++]];
                    argc = code[pc++];
                    cs = sp - argc;
                    t.ensureStack(sp + 2);
                    stack = t.stack;
                    for (int i = sp; i > cs; i--) stack[i] = stack[i - 1];
                    stack[cs] = callee;
                    sp++;
                }
                save(t, frame, pc, sp, budget);
                return Calls.call(t, cs, argc);
            }
            case Opcodes.CALL_EX -> {
                save(t, frame, pc, sp, budget);
                return Calls.callSpread(t);
            }
            case Opcodes.CALL_METHOD -> {
                String name = constStr(consts, code[pc++]);
                int argc = code[pc++];
                save(t, frame, pc, sp, budget);
                return Calls.callMethod(t, sp - argc - 1, argc, name);
            }
            case Opcodes.CALL_METHOD_EX -> {
                String name = constStr(consts, code[pc++]);
                save(t, frame, pc, sp, budget);
                return Calls.callMethodSpread(t, name);
            }
            case Opcodes.RETURN_ADD -> {
                Value b = stack[--sp];
                stack[sp] = null;
                frame.pc = pc;
                t.budget = budget;
                Value result = Arith.add(t, stack[sp - 1], b);
                budget = t.budget;
                stack[sp - 1] = result;
                save(t, frame, pc, sp, budget);
                return Calls.returnValue(t, result);
            }
            case Opcodes.RETURN, Opcodes.RETURN_LOCAL, Opcodes.HALT -> {
                Value result = op == Opcodes.RETURN_LOCAL ? stack[base + code[pc++]] : stack[sp - 1];
                save(t, frame, pc, sp, budget);
                return Calls.returnValue(t, result);
            }
            case Opcodes.QUESTION, Opcodes.QUESTION_JUMP -> {
                int off = op == Opcodes.QUESTION_JUMP ? code[pc++] : 0;
                frame.pc = pc;
                Value v = stack[sp - 1];
                Value inner = PatternOps.questionInner(v);
                if (inner != null) {
                    stack[sp - 1] = inner;
                } else if (op == Opcodes.QUESTION_JUMP) {
                    pc += off;
                } else {
                    // an Err or None: return it from the function
                    save(t, frame, pc, sp, budget);
                    return Calls.returnValue(t, v);
                }
            }
            case Opcodes.NURSERY_BEGIN -> {
                frame.pc = pc;
                t.host().openNursery(t);
            }
            case Opcodes.NURSERY_END, Opcodes.AWAIT, Opcodes.SPAWN, Opcodes.SELECT -> {
                int arms = op == Opcodes.SELECT ? code[pc++] : 0;
                save(t, frame, pc, sp, budget);
                return ConcurrencyOps.execute(t, op, arms);
            }
            default -> throw new IllegalStateException("bad opcode " + op + " at " + (pc - 1) + " in " + proto.name);
        }
        save(t, frame, pc, sp, budget);
        return Step.CONTINUE;
    }

    private static void save(Task t, Frame frame, int pc, int sp, long budget) {
        frame.pc = pc;
        t.sp = sp;
        t.budget = budget;
    }

    private static String constStr(Value[] consts, int index) {
        return ((StrValue) consts[index]).str();
    }
}
