package dev.ion.engine.vm;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.stdlib.Methods;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.Signal;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.value.Values;

import java.util.Arrays;

/**
 * The one dispatch loop. It runs a task until the task finishes, fails, parks or uses
 * up its turn, and returns which. Ion-to-Ion calls push a heap {@link Frame} and stay
 * in the loop; natives that call back into Ion are resumed through continuation frames.
 */
public final class Interpreter {
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int PARKED = 2;
    public static final int YIELDED = 3;

    private static final int CONTINUE = 0;
    private static final int PARK = 1;

    private Interpreter() {
    }

    /** Runs {@code t} for one turn of at most {@code quantum} instructions. */
    public static int run(Task t) {
        dev.ion.engine.value.Meter.Sink previous = dev.ion.engine.value.Meter.enter(t);
        try {
            return runTurn(t);
        } finally {
            dev.ion.engine.value.Meter.restore(previous);
        }
    }

    private static int runTurn(Task t) {
        RunState run = t.run;
        long fuelLeft = run.limits.fuel() == Limits.UNLIMITED ? Long.MAX_VALUE : run.limits.fuel() - run.fuelUsed;
        t.turnBudget = Math.min(run.quantum, Math.max(0, fuelLeft));
        t.budget = t.turnBudget;
        t.status = Task.Status.RUNNING;
        try {
            if (run.cancelled) throw IonException.cancelled();
            if (t.parkedSlot >= 0) {
                int slot = t.parkedSlot;
                t.parkedSlot = -1;
                IonException err = t.resumeError;
                Value v = t.resumeValue;
                t.resumeError = null;
                t.resumeValue = null;
                if (err != null) {
                    if (!raise(t, err)) return finishTurn(t, FAILED);
                } else if (settle(t, slot, 0, null, v, false) == PARK) {
                    return finishTurn(t, PARKED);
                }
            }
        } catch (IonException e) {
            if (!raise(t, e)) return finishTurn(t, FAILED);
        } catch (RuntimeException | StackOverflowError e) {
            if (!raise(t, internal(e))) return finishTurn(t, FAILED);
        }
        t.betweenInstructions = false;
        while (true) {
            try {
                int status = loop(t);
                return finishTurn(t, status);
            } catch (IonException e) {
                if (!raise(t, e)) return finishTurn(t, FAILED);
            } catch (RuntimeException | StackOverflowError e) {
                if (!raise(t, internal(e))) return finishTurn(t, FAILED);
            }
        }
    }

    private static IonException internal(Throwable e) {
        if (e instanceof StackOverflowError) {
            return new IonException(ErrorKind.RUNTIME, "value nested too deeply", 0, 0);
        }
        if (e instanceof OutOfMemoryError) {
            return new IonException(ErrorKind.LIMIT, "limit exceeded: max_memory_bytes", 0, 0);
        }
        return IonException.internal();
    }

    private static int finishTurn(Task t, int status) {
        t.run.fuelUsed += t.turnBudget - t.budget;
        t.turnBudget = t.budget = 0;
        t.status = switch (status) {
            case DONE -> Task.Status.DONE;
            case FAILED -> Task.Status.FAILED;
            case PARKED -> Task.Status.PARKED;
            default -> Task.Status.RUNNABLE;
        };
        return status;
    }

    /**
     * Handles an error at the task's current position: unwinds to the innermost handler
     * if the error is catchable, else records the failure. Returns true if execution continues.
     */
    static boolean raise(Task t, IonException e) {
        e = t.locate(e);
        t.betweenInstructions = false;
        t.pendingFn = null;
        if (e.kind().catchable() && !t.handlers.isEmpty()) {
            Handler h = t.handlers.remove(t.handlers.size() - 1);
            if (t.run.host != null) t.run.host.abandonNurseries(t, t.handlers.size());
            t.fp = h.frameIndex;
            Frame f = t.frames[t.fp];
            f.pc = h.pc;
            Arrays.fill(t.stack, h.sp, Math.max(h.sp, t.sp), null);
            t.sp = h.sp;
            t.stack[t.sp++] = StrValue.of(e.getMessage());
            try {
                t.allocate(2L * e.getMessage().length() + 16);
            } catch (IonException limit) {
                t.error = limit;
                return false;
            }
            return true;
        }
        t.error = e;
        return false;
    }

    /** Accounts fuel and checks limits in the middle of long native work (no yield). */
    static void checkpoint(Task t) {
        budgetExhausted(t);
    }

    /** Slow path when the turn's budget runs out: account fuel, check limits, maybe yield. */
    private static boolean budgetExhausted(Task t) {
        RunState run = t.run;
        run.fuelUsed += t.turnBudget - t.budget;
        t.turnBudget = t.budget = 0;
        if (run.fuelUsed > run.limits.fuel()) {
            run.fuelUsed = run.limits.fuel();
            throw IonException.limit("fuel", run.limits.fuel());
        }
        if (run.cancelled) throw IonException.cancelled();
        run.checkDeadline();
        long fuelLeft = run.limits.fuel() == Limits.UNLIMITED ? Long.MAX_VALUE : run.limits.fuel() - run.fuelUsed;
        t.turnBudget = Math.min(run.quantum, fuelLeft == Long.MAX_VALUE ? fuelLeft : fuelLeft + 1);
        t.budget = t.turnBudget;
        return run.host != null;
    }

    // ============================ calls ============================

    /** Enters a closure whose callee sits at {@code cs} with {@code argc} arguments above it. */
    private static void enterClosure(Task t, Closure c, int cs, int argc, DictValue kwargs) {
        Proto p = c.proto;
        if (t.fp > t.maxCallDepth) {
            throw IonException.limit("max_call_depth", t.run.limits.maxCallDepth());
        }
        if (p.params.simple && kwargs == null) {
            if (argc != p.params.names.length) throw arity(p, argc);
        } else {
            Value[] slots = Binder.bind(p.name, p.params, Arrays.copyOfRange(t.stack, cs + 1, cs + 1 + argc), argc,
                    kwargs);
            t.ensureStack(cs + 1 + slots.length + 1);
            System.arraycopy(slots, 0, t.stack, cs + 1, slots.length);
            argc = slots.length;
        }
        Frame f = t.pushFrame(c, cs + 1);
        int top = cs + 1 + p.maxLocals;
        Value[] stack = t.stack;
        for (int i = cs + 1 + argc; i < top; i++) stack[i] = null;
        t.sp = top;
    }

    private static IonException arity(Proto p, int argc) {
        int n = p.params.names.length;
        if (argc < n) {
            return IonException.runtime(p.name + "() missing required argument '" + p.params.names[argc] + "'");
        }
        return IonException.runtime(dev.ion.engine.stdlib.Args.arityMessage(p.name, argc, n, n));
    }

    /**
     * Drives calls whose callee sits at {@code cs}: enters closures, runs natives and their
     * continuations, until an Ion frame must run (CONTINUE) or the task parks (PARK).
     * With {@code r == null}, invokes the callee; otherwise delivers {@code r} as a result at {@code cs}.
     */
    static int settle(Task t, int cs, int argc, DictValue kwargs, Value r, boolean continuing) {
        while (true) {
            if (r == null) {
                Value callee = t.stack[cs];
                if (callee instanceof Closure c) {
                    enterClosure(t, c, cs, argc, kwargs);
                    return CONTINUE;
                }
                if (!(callee instanceof BuiltinFn b)) {
                    throw IonException.type("cannot call a value of type " + callee.typeName());
                }
                if (kwargs != null && kwargs.size() > 0) {
                    throw IonException.runtime(b.name() + "() does not take keyword arguments");
                }
                Value[] args = Arrays.copyOfRange(t.stack, cs + 1, cs + 1 + argc);
                continuing = false;
                t.nativeName = b.name();
                r = b.body().call(t, args);
                if (r == null) r = UnitValue.UNIT;
                continue;
            }
            if (t.backpressure != null && r != CallContext.SUSPEND) {
                java.util.concurrent.CompletionStage<?> stage = t.backpressure;
                t.backpressure = null;
                r = host(t).parkUntil(t, stage, r);
            }
            if (r == CallContext.SUSPEND) {
                Value fn = t.pendingFn;
                if (fn != null) {
                    if (continuing) {
                        t.frames[t.fp].continuation = t.pendingContinuation;
                    } else {
                        if (t.fp > t.maxCallDepth) {
                            throw IonException.limit("max_call_depth", t.run.limits.maxCallDepth());
                        }
                        t.pushNativeFrame(t.nativeName, cs, t.pendingContinuation);
                    }
                    Value[] a = t.pendingArgs;
                    t.pendingFn = null;
                    t.pendingArgs = null;
                    t.pendingContinuation = null;
                    t.ensureStack(cs + 2 + a.length);
                    t.stack[cs] = fn;
                    System.arraycopy(a, 0, t.stack, cs + 1, a.length);
                    t.sp = cs + 1 + a.length;
                    argc = a.length;
                    kwargs = null;
                    r = null;
                    continue;
                }
                if (continuing) t.fp--;
                t.parkedSlot = cs;
                t.sp = cs + 1;
                return PARK;
            }
            if (continuing) t.fp--;
            t.stack[cs] = r;
            t.sp = cs + 1;
            Frame top = t.frames[t.fp];
            if (top.continuation != null && top.resultSlot == cs) {
                continuing = true;
                r = top.continuation.resume(t, r);
                if (r == null) r = UnitValue.UNIT;
                continue;
            }
            return CONTINUE;
        }
    }

    // ============================ the loop ============================

    private static int loop(Task t) {
        while (true) {
            int op = runFast(t);
            int status;
            if (op == OUT_OF_BUDGET) {
                // the limits are checked before the next instruction runs: that one is where the task stands
                t.betweenInstructions = true;
                status = budgetExhausted(t) ? YIELDED : CONTINUE_SLOW;
                if (status == CONTINUE_SLOW) t.betweenInstructions = false;
            } else {
                status = slow(t, op);
            }
            if (status != CONTINUE_SLOW) return status;
            // only slow paths allocate: the memory check they made due runs before the next instruction
            if (t.run.memory.isDue()) return YIELDED;
        }
    }

    /** What {@link #runFast} returns when the turn's budget runs out. */
    private static final int OUT_OF_BUDGET = -2;

    /**
     * Runs instructions for as long as they take their common, simple path, then saves
     * the task's state and returns the opcode that needs the general path in {@link #slow}
     * (with the frame's pc just after the opcode) or {@link #OUT_OF_BUDGET}.
     *
     * <p>This loop calls no method that is not inlined, which keeps each fast path a few
     * machine instructions; errors, natives, continuations and parking all live in
     * {@code slow}. An instruction leaves for {@code slow} before it changes anything, so
     * {@code slow} can execute it from the start.
     */
    private static int runFast(Task t) {
        Frame frame = t.frames[t.fp];
        int[] code = frame.proto.code;
        Value[] consts = frame.proto.constants;
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
                op = OUT_OF_BUDGET;
                break;
            }
            op = code[pc++];
            switch (op) {
                case Opcodes.CONST -> stack[sp++] = consts[code[pc++]];
                case Opcodes.POP -> stack[--sp] = null;
                case Opcodes.LOAD -> stack[sp++] = stack[base + code[pc++]];
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
                case Opcodes.JUMP -> pc += code[pc] + 1;
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
                case Opcodes.JUMP_IF_FALSE -> {
                    Value v = stack[sp - 1];
                    if (v != BoolValue.TRUE && v != BoolValue.FALSE) break dispatch;
                    stack[--sp] = null;
                    pc += v == BoolValue.FALSE ? code[pc] + 1 : 1;
                }
                case Opcodes.NOT -> {
                    Value v = stack[sp - 1];
                    if (v != BoolValue.TRUE && v != BoolValue.FALSE) break dispatch;
                    stack[sp - 1] = v == BoolValue.TRUE ? BoolValue.FALSE : BoolValue.TRUE;
                }
                case Opcodes.INDEX -> {
                    if (!(stack[sp - 2] instanceof ListValue l) || !(stack[sp - 1] instanceof IntValue i)
                            || i.value < 0 || i.value >= l.size()) break dispatch;
                    stack[sp - 2] = l.get((int) i.value);
                    stack[--sp] = null;
                }
                case Opcodes.ITER_NEXT -> {
                    Value it = stack[base + code[pc]];
                    if (it instanceof IteratorValue.Indexed ix) {
                        if (ix.next < ix.size) {
                            stack[sp++] = ix.items[ix.next++];
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
                    if (!(callee instanceof Closure c) || c.proto.simpleArity != argc) break dispatch;
                    Proto p = c.proto;
                    int fp = t.fp + 1;
                    Frame[] frames = t.frames;
                    int newBase = cs + 1;
                    if (t.fp > t.maxCallDepth || fp >= frames.length || frames[fp] == null
                            || newBase + p.maxLocals + p.maxStack + 8 > stack.length) break dispatch;
                    if (direct) {
                        for (int i = sp; i > cs; i--) stack[i] = stack[i - 1];
                        stack[cs] = callee;
                        pc += 2;
                    } else {
                        pc += 1;
                    }
                    frame.pc = pc;
                    frame = frames[fp];
                    t.fp = fp;
                    frame.enterIon(c, newBase);
                    base = newBase;
                    sp = base + p.maxLocals;
                    for (int i = base + argc; i < sp; i++) stack[i] = null;
                    code = p.code;
                    consts = p.constants;
                    pc = 0;
                }
                case Opcodes.RETURN, Opcodes.RETURN_LOCAL -> {
                    if (t.fp == 0 || !t.handlers.isEmpty()) break dispatch;
                    Frame caller = t.frames[t.fp - 1];
                    if (caller.continuation != null) break dispatch;
                    Value result = op == Opcodes.RETURN_LOCAL ? stack[base + code[pc]] : stack[sp - 1];
                    t.fp--;
                    // slots above the caller's stack top are left stale: nothing reads them before writing
                    sp = base;
                    stack[sp - 1] = result;
                    frame = caller;
                    code = caller.proto.code;
                    consts = caller.proto.constants;
                    base = caller.base;
                    pc = caller.pc;
                }
                default -> {
                    break dispatch;
                }
            }
        }
        frame.pc = pc;
        t.sp = sp;
        t.budget = budget;
        return op;
    }

    private static boolean compare(int comparison, long a, long b) {
        return switch (comparison) {
            case 0 -> a < b;
            case 1 -> a <= b;
            case 2 -> a > b;
            default -> a >= b;
        };
    }

    /** What {@code ?} continues with: the value inside an Ok or Some; null for an Err or None. */
    private static Value questionInner(Value v) {
        if (v instanceof ResultValue r) return r.isOk() ? r.value() : null;
        if (v instanceof OptionValue o) return o.isSome() ? o.value() : null;
        throw IonException.type("'?' expects an Option or a Result, got " + v.typeName());
    }

    /** Returns {@code result} from the task's current Ion frame (the state is saved in the task). */
    private static int returnValue(Task t, Value result) {
        if (!t.handlers.isEmpty()) dropHandlers(t);
        int cs = t.frames[t.fp].base - 1;
        if (t.fp == 0) {
            t.fp = -1;
            t.result = result;
            t.sp = 0;
            return DONE;
        }
        t.fp--;
        if (t.frames[t.fp].continuation != null) {
            t.sp = cs;
            return settle(t, cs, 0, null, result, false) == PARK ? PARKED : CONTINUE_SLOW;
        }
        t.stack[cs] = result;
        t.sp = cs + 1;
        return CONTINUE_SLOW;
    }

    private static final int CONTINUE_SLOW = -1;

    /**
     * Executes one instruction in full: every case {@link #runFast} leaves to it, and the
     * instructions it never handles. State is exchanged through the task and its frame
     * (the frame's pc just after the opcode); returns {@link #CONTINUE_SLOW} or a turn status.
     */
    private static int slow(Task t, int op) {
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
        case Opcodes.POPN -> {
            int n = code[pc++];
            for (int i = 0; i < n; i++) stack[--sp] = null;
        }
        case Opcodes.UNDEFINED -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            String message = ((StrValue) consts[code[pc++]]).str();
            Value v = t.run.dynamicGlobals.get(name);
            if (v == null) {
                frame.pc = pc;
                throw IonException.name(message);
            }
            stack[sp++] = v;
        }
        case Opcodes.DIV -> {
            Value b = stack[--sp];
            frame.pc = pc;
            stack[sp - 1] = Arith.div(stack[sp - 1], b);
            stack[sp] = null;
        }
        case Opcodes.NEG -> {
            frame.pc = pc;
            stack[sp - 1] = Arith.neg(stack[sp - 1]);
        }
        case Opcodes.TO_BOOL -> stack[sp - 1] = BoolValue.of(stack[sp - 1].truthy());
        case Opcodes.BAND, Opcodes.BOR, Opcodes.BXOR, Opcodes.SHL, Opcodes.SHR -> {
            Value b = stack[--sp];
            frame.pc = pc;
            stack[sp - 1] = Arith.bitwise(op - Opcodes.BAND, stack[sp - 1], b);
            stack[sp] = null;
        }
        case Opcodes.RANGE -> {
            boolean inclusive = code[pc++] == 1;
            Value b = stack[--sp];
            Value a = stack[sp - 1];
            stack[sp] = null;
            if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) {
                frame.pc = pc;
                throw IonException.type("range bounds must be int, got " + a.typeName() + " and " + b.typeName());
            }
            stack[sp - 1] = new RangeValue(x.value, y.value, inclusive);
        }
        case Opcodes.MAKE_LIST -> {
            int n = code[pc++];
            Value[] items = n == 0 ? new Value[0] : Arrays.copyOfRange(stack, sp - n, sp);
            for (int i = 0; i < n; i++) stack[--sp] = null;
            stack[sp++] = ListValue.of(items);
            t.allocate(16 + 8L * n);
        }
        case Opcodes.MAKE_TUPLE -> {
            int n = code[pc++];
            Value[] items = Arrays.copyOfRange(stack, sp - n, sp);
            for (int i = 0; i < n; i++) stack[--sp] = null;
            stack[sp++] = TupleValue.of(items);
        }
        case Opcodes.LIST_APPEND -> {
            Value v = stack[--sp];
            stack[sp] = null;
            ListValue list = (ListValue) stack[sp - 1];
            t.allocate(8);
            stack[sp - 1] = list.push(v);
        }
        case Opcodes.LIST_EXTEND -> {
            Value it = stack[--sp];
            stack[sp] = null;
            frame.pc = pc;
            t.budget = budget;
            stack[sp - 1] = extend((ListValue) stack[sp - 1], it, t);
            budget = t.budget;
        }
        case Opcodes.LIST_TO_TUPLE -> stack[sp - 1] = TupleValue.of(((ListValue) stack[sp - 1]).toArray());
        case Opcodes.MAKE_DICT -> {
            int n = code[pc++];
            DictValue.Builder b = DictValue.builder();
            int start = sp - 2 * n;
            frame.pc = pc;
            for (int i = 0; i < n; i++) b.put(dictKey(stack[start + 2 * i]), stack[start + 2 * i + 1]);
            Arrays.fill(stack, start, sp, null);
            sp = start;
            stack[sp++] = b.build();
            t.allocate(32 + 24L * n);
        }
        case Opcodes.DICT_INSERT -> {
            Value v = stack[--sp];
            Value k = stack[--sp];
            stack[sp] = null;
            stack[sp + 1] = null;
            frame.pc = pc;
            stack[sp - 1] = ((DictValue) stack[sp - 1]).insert(dictKey(k), v);
            t.allocate(24);
        }
        case Opcodes.DICT_SPREAD -> {
            Value d = stack[--sp];
            stack[sp] = null;
            frame.pc = pc;
            if (!(d instanceof DictValue src)) throw IonException.type("cannot spread " + d.typeName() + " into a dict");
            DictValue acc = (DictValue) stack[sp - 1];
            for (var e : src.entries()) acc = acc.insert(e.getKey(), e.getValue());
            budget -= src.size();
            t.budget = budget;
            t.allocate(48L * src.size());
            budget = t.budget;
            stack[sp - 1] = acc;
        }
        case Opcodes.WRAP -> {
            int w = code[pc++];
            Value v = stack[sp - 1];
            stack[sp - 1] = w == 0 ? OptionValue.some(v) : w == 1 ? ResultValue.ok(v) : ResultValue.err(v);
        }
        case Opcodes.SLICE -> {
            int flags = code[pc++];
            Value hi = (flags & 2) != 0 ? stack[--sp] : null;
            Value lo = (flags & 1) != 0 ? stack[--sp] : null;
            stack[sp] = null;
            stack[sp + 1] = null;
            frame.pc = pc;
            Value r = Access.slice(stack[sp - 1], lo, hi, (flags & 4) != 0);
            budget = chargeBuilt(t, budget, r);
            stack[sp - 1] = r;
        }
        case Opcodes.FIELD -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            frame.pc = pc;
            stack[sp - 1] = Access.field(stack[sp - 1], name);
        }
        case Opcodes.SET_INDEX -> {
            Value v = stack[--sp];
            Value i = stack[--sp];
            stack[sp] = null;
            stack[sp + 1] = null;
            frame.pc = pc;
            Value r = Access.setIndex(stack[sp - 1], i, v);
            budget = chargeBuilt(t, budget, r);
            stack[sp - 1] = r;
        }
        case Opcodes.SET_FIELD -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            Value v = stack[--sp];
            stack[sp] = null;
            frame.pc = pc;
            stack[sp - 1] = Access.setField(stack[sp - 1], name, v);
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
            StringBuilder sb = new StringBuilder();
            for (int i = sp - n; i < sp; i++) {
                sb.append(((StrValue) stack[i]).str());
                stack[i] = null;
            }
            sp -= n;
            budget -= sb.length() / 16;
            t.allocate(2L * sb.length());
            stack[sp++] = StrValue.of(sb.toString());
        }
        case Opcodes.CALL_EX -> {
            Value kw = stack[--sp];
            Value args = stack[--sp];
            stack[sp] = null;
            stack[sp + 1] = null;
            int cs = sp - 1;
            Value[] a = ((ListValue) args).toArray();
            t.ensureStack(cs + 2 + a.length);
            stack = t.stack;
            System.arraycopy(a, 0, stack, cs + 1, a.length);
            sp = cs + 1 + a.length;
            frame.pc = pc;
            t.sp = sp;
            t.budget = budget;
            DictValue kwargs = (DictValue) kw;
            int status = settle(t, cs, a.length, kwargs.size() == 0 && !(stack[cs] instanceof Closure) ? null
                    : kwargs, null, false);
            // settle left the task's state current; the hot loop reloads it from there
            return status == PARK ? PARKED : CONTINUE_SLOW;
        }
        case Opcodes.CALL_METHOD, Opcodes.CALL_METHOD_EX -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            int argc;
            if (op == Opcodes.CALL_METHOD) {
                argc = code[pc++];
            } else {
                Value[] a = ((ListValue) stack[--sp]).toArray();
                stack[sp] = null;
                t.ensureStack(sp + a.length + 2);
                stack = t.stack;
                System.arraycopy(a, 0, stack, sp, a.length);
                sp += a.length;
                argc = a.length;
            }
            int cs = sp - argc - 1;
            frame.pc = pc;
            t.sp = sp;
            t.budget = budget;
            int status = callMethod(t, cs, argc, name);
            // settle left the task's state current; the hot loop reloads it from there
            return status == PARK ? PARKED : CONTINUE_SLOW;
        }
        case Opcodes.CLOSURE -> {
            Proto p = proto.protos[code[pc++]];
            int n = p.captureKinds.length;
            Value[] captures = n == 0 ? NO_CAPTURES : new Value[n];
            for (int i = 0; i < n; i++) {
                int idx = p.captureIndexes[i];
                captures[i] = switch (p.captureKinds[i]) {
                    case Proto.FROM_LOCAL -> stack[base + idx];
                    case Proto.FROM_CAPTURE -> frame.closure.captures[idx];
                    case Proto.FROM_GLOBAL -> t.run.globals[idx];
                    default -> frame.closure;
                };
                if (captures[i] == null) {
                    // a binding declared later in the same scope (e.g. mutual references); capture a placeholder
                    captures[i] = UnitValue.UNIT;
                }
            }
            stack[sp++] = new Closure(p, captures);
            t.allocate(16 + 8L * n);
        }
        case Opcodes.DEFAULT_ARG -> {
            int slot = code[pc++];
            int off = code[pc++];
            if (stack[base + slot] != Signal.MISSING) pc += off;
        }
        case Opcodes.ITER -> {
            frame.pc = pc;
            stack[sp - 1] = IteratorValue.of(stack[sp - 1]);
        }
        case Opcodes.TRY_BEGIN -> {
            int off = code[pc++];
            t.handlers.add(new Handler(t.fp, pc + off, sp));
        }
        case Opcodes.TRY_END -> t.handlers.remove(t.handlers.size() - 1);
        case Opcodes.TYPE_CHECK -> {
            String type = ((StrValue) consts[code[pc++]]).str();
            Value v = stack[sp - 1];
            if (!TypeCheck.matches(type, v)) {
                frame.pc = pc;
                throw IonException.type("type mismatch: expected " + type + ", got " + v.typeName());
            }
        }
        case Opcodes.MATCH_FAIL -> {
            frame.pc = pc + 1;
            throw IonException.runtime(((StrValue) consts[code[pc]]).str());
        }
        case Opcodes.TEST_NONE -> stack[sp - 1] = BoolValue.of(stack[sp - 1] == OptionValue.NONE);
        case Opcodes.TEST_WRAP -> {
            int w = code[pc++];
            Value v = stack[sp - 1];
            boolean ok = w == 0 ? v instanceof OptionValue o && o.isSome()
                    : v instanceof ResultValue r && r.isOk() == (w == 1);
            stack[sp - 1] = BoolValue.of(ok);
        }
        case Opcodes.UNWRAP -> {
            Value v = stack[sp - 1];
            stack[sp - 1] = v instanceof OptionValue o ? o.value() : ((ResultValue) v).value();
        }
        case Opcodes.TEST_TUPLE -> {
            int n = code[pc++];
            stack[sp - 1] = BoolValue.of(stack[sp - 1] instanceof TupleValue tv && tv.size() == n);
        }
        case Opcodes.TEST_LIST -> {
            int n = code[pc++];
            boolean exact = code[pc++] == 1;
            Value v = stack[sp - 1];
            stack[sp - 1] = BoolValue.of(v instanceof ListValue l && (exact ? l.size() == n : l.size() >= n));
        }
        case Opcodes.LIST_REST -> {
            int i = code[pc++];
            ListValue l = (ListValue) stack[sp - 1];
            stack[sp - 1] = l.slice(i, l.size());
            budget -= (l.size() - i) / 8;
        }
        case Opcodes.TEST_ENUM -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            int n = code[pc++];
            Value v = stack[sp - 1];
            boolean ok = v instanceof EnumValue e && (e.enumName() + "::" + e.variant()).equals(name)
                    && (n < 0 || e.payload().length == n);
            stack[sp - 1] = BoolValue.of(ok);
        }
        case Opcodes.TEST_STRUCT -> {
            String name = ((StrValue) consts[code[pc++]]).str();
            Value v = stack[sp - 1];
            stack[sp - 1] = BoolValue.of(v instanceof StructValue s && s.structName().equals(name));
        }
        case Opcodes.GET_PAYLOAD -> {
            int i = code[pc++];
            stack[sp - 1] = ((EnumValue) stack[sp - 1]).payload()[i];
        }
        case Opcodes.TEST_EQ -> {
            Value b = stack[--sp];
            Value a = stack[sp - 1];
            stack[sp] = null;
            stack[sp - 1] = BoolValue.of(a.getClass() == b.getClass() || Values.isNumber(a) && Values.isNumber(b)
                    ? Values.equal(a, b) : false);
        }
        case Opcodes.TEST_RANGE -> {
            int flags = code[pc++];
            Value hi = (flags & 2) != 0 ? stack[--sp] : null;
            Value lo = (flags & 1) != 0 ? stack[--sp] : null;
            Value v = stack[sp - 1];
            boolean ok = Values.isNumber(v)
                    && (lo == null || Values.compareScalars(lo, v) <= 0)
                    && (hi == null || ((flags & 4) != 0 ? Values.compareScalars(v, hi) <= 0
                    : Values.compareScalars(v, hi) < 0));
            stack[sp] = null;
            stack[sp + 1] = null;
            stack[sp - 1] = BoolValue.of(ok);
        }
        case Opcodes.NURSERY_BEGIN -> {
            frame.pc = pc;
            host(t).openNursery(t);
        }
        case Opcodes.NURSERY_END, Opcodes.AWAIT, Opcodes.SPAWN, Opcodes.SELECT -> {
            frame.pc = pc + (op == Opcodes.SELECT ? 1 : 0);
            TaskHost host = host(t);
            Value r;
            int cs;
            t.budget = budget;
            if (op == Opcodes.SELECT) {
                int n = code[pc];
                Value[] arms = Arrays.copyOfRange(stack, sp - n, sp);
                Arrays.fill(stack, sp - n, sp, null);
                sp -= n;
                cs = sp;
                sp++;
                t.sp = sp;
                r = host.select(t, arms);
            } else {
                cs = sp - 1;
                t.sp = sp;
                Value v = stack[cs];
                r = op == Opcodes.NURSERY_END ? host.closeNursery(t, v)
                        : op == Opcodes.AWAIT ? host.await(t, v) : host.spawn(t, v);
            }
            if (r == CallContext.SUSPEND) {
                t.parkedSlot = cs;
                t.sp = cs + 1;
                return PARKED;
            }
            stack = t.stack;
            stack[cs] = r;
            sp = cs + 1;
            pc = frame.pc;
            budget = t.budget;
        }
        case Opcodes.UNIT -> stack[sp++] = UnitValue.UNIT;
        case Opcodes.TRUE -> stack[sp++] = BoolValue.TRUE;
        case Opcodes.FALSE -> stack[sp++] = BoolValue.FALSE;
        case Opcodes.NONE -> stack[sp++] = OptionValue.NONE;
        case Opcodes.DUP -> {
            stack[sp] = stack[sp - 1];
            sp++;
        }
        case Opcodes.LOAD_SELF -> stack[sp++] = frame.closure;
        case Opcodes.LT, Opcodes.LE, Opcodes.GT, Opcodes.GE -> {
            Value b = stack[--sp];
            Value a = stack[sp - 1];
            if (a instanceof IntValue x && b instanceof IntValue y) {
                boolean r = switch (op) {
                    case Opcodes.LT -> x.value < y.value;
                    case Opcodes.LE -> x.value <= y.value;
                    case Opcodes.GT -> x.value > y.value;
                    default -> x.value >= y.value;
                };
                stack[sp - 1] = BoolValue.of(r);
            } else {
                frame.pc = pc;
                t.budget = budget;
                stack[sp - 1] = Arith.compare(op - Opcodes.LT, a, b);
                budget = t.budget;
            }
            stack[sp] = null;
        }
        case Opcodes.JUMP_IF_TRUE -> {
            int off = code[pc++];
            Value v = stack[--sp];
            stack[sp] = null;
            if (v == BoolValue.TRUE || (v != BoolValue.FALSE && v.truthy())) pc += off;
        }        case Opcodes.LOAD_GLOBAL -> {
            Value v = t.run.globals[code[pc++]];
            String name = ((StrValue) consts[code[pc++]]).str();
            if (v == null) {
                frame.pc = pc;
                throw IonException.name("variable '" + name + "' is used before it is defined");
            }
            stack[sp++] = v;
        }
        case Opcodes.ADD, Opcodes.SUB, Opcodes.MUL, Opcodes.MOD, Opcodes.EQ, Opcodes.NE -> {
            Value b = stack[--sp];
            Value a = stack[sp - 1];
            stack[sp] = null;
            frame.pc = pc;
            t.budget = budget;
            stack[sp - 1] = switch (op) {
                case Opcodes.ADD -> Arith.add(t, a, b);
                case Opcodes.SUB -> Arith.sub(a, b);
                case Opcodes.MUL -> Arith.mul(t, a, b);
                case Opcodes.MOD -> Arith.mod(a, b);
                default -> BoolValue.of(Values.equal(a, b) == (op == Opcodes.EQ));
            };
            budget = t.budget;
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
        case Opcodes.JUMP_UNLESS, Opcodes.JUMP_UNLESS_LOCAL -> {
            int c = code[pc++];
            Value a;
            Value b;
            if (op == Opcodes.JUMP_UNLESS) {
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
            if (!Arith.compare(c, a, b).value) pc += off;
            budget = t.budget;
        }
        case Opcodes.JUMP_IF_FALSE -> {
            int off = code[pc++];
            Value v = stack[--sp];
            stack[sp] = null;
            if (!v.truthy()) pc += off;
        }
        case Opcodes.NOT -> stack[sp - 1] = BoolValue.of(!stack[sp - 1].truthy());
        case Opcodes.INDEX -> {
            Value i = stack[--sp];
            stack[sp] = null;
            frame.pc = pc;
            stack[sp - 1] = Access.index(stack[sp - 1], i);
        }
        case Opcodes.ITER_NEXT -> {
            int slot = code[pc++];
            int off = code[pc++];
            Value next = ((IteratorValue) stack[base + slot]).next();
            if (next == null) pc += off;
            else stack[sp++] = next;
        }
        case Opcodes.GET_ITEM -> {
            // the compiler tests the shape first, so the fast loop always takes this
            frame.pc = pc + 1;
            throw new IllegalStateException("GET_ITEM on " + stack[sp - 1].typeName());
        }
        case Opcodes.QUESTION_JUMP -> {
            int off = code[pc++];
            frame.pc = pc;
            Value inner = questionInner(stack[sp - 1]);
            if (inner != null) stack[sp - 1] = inner;
            else pc += off;
        }
        case Opcodes.QUESTION -> {
            frame.pc = pc;
            Value v = stack[sp - 1];
            Value inner = questionInner(v);
            if (inner != null) {
                stack[sp - 1] = inner;
            } else {
                // an Err or None: return it from the function
                t.sp = sp;
                t.budget = budget;
                return returnValue(t, v);
            }
        }
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
            frame.pc = pc;
            t.sp = sp;
            t.budget = budget;
            return settle(t, cs, argc, null, null, false) == PARK ? PARKED : CONTINUE_SLOW;
        }
        case Opcodes.RETURN, Opcodes.RETURN_LOCAL, Opcodes.HALT -> {
            Value result = op == Opcodes.RETURN_LOCAL ? stack[base + code[pc++]] : stack[sp - 1];
            frame.pc = pc;
            t.sp = sp;
            t.budget = budget;
            return returnValue(t, result);
        }
            default -> throw new IllegalStateException("bad opcode " + op + " at " + (pc - 1) + " in " + proto.name);
        }
        frame.pc = pc;
        t.sp = sp;
        t.budget = budget;
        return CONTINUE_SLOW;
    }

    private static final Value[] NO_CAPTURES = new Value[0];

    private static TaskHost host(Task t) {
        TaskHost h = t.run.host;
        if (h == null) throw IonException.runtime("concurrency is not available in this context");
        return h;
    }

    private static void dropHandlers(Task t) {
        while (!t.handlers.isEmpty() && t.handlers.get(t.handlers.size() - 1).frameIndex >= t.fp) {
            t.handlers.remove(t.handlers.size() - 1);
        }
    }

    private static String dictKey(Value k) {
        if (k instanceof StrValue s) return s.str();
        throw IonException.type("dict keys must be strings, got " + k.typeName());
    }

    /** Charges fuel and memory for the freshly built value {@code r}; returns the turn's budget left. */
    private static long chargeBuilt(Task t, long budget, Value r) {
        t.budget = budget - sizeOf(r) / 8;
        t.allocate(8 * sizeOf(r) + 16);
        return t.budget;
    }

    private static long sizeOf(Value v) {
        if (v instanceof ListValue l) return l.size();
        if (v instanceof StrValue s) return s.javaLength();
        if (v instanceof dev.ion.engine.value.BytesValue b) return b.size() / 8;
        if (v instanceof TupleValue tv) return tv.size();
        return 0;
    }

    private static ListValue extend(ListValue acc, Value it, Task t) {
        if (it instanceof ListValue l) {
            t.charge(l.size());
            t.allocate(8L * l.size());
            return acc.concat(l);
        }
        if (it instanceof RangeValue r) t.checkSize(8L * r.length());
        IteratorValue iter = IteratorValue.of(it);
        Value v;
        int n = 0;
        while ((v = iter.next()) != null) {
            acc = acc.push(v);
            if (++n == 1024) {
                t.spend(n);
                t.allocate(8L * n);
                n = 0;
            }
        }
        t.spend(n);
        t.allocate(8L * n);
        return acc;
    }

    /** Method call with the receiver at {@code cs} and {@code argc} arguments above it. */
    private static int callMethod(Task t, int cs, int argc, String name) {
        Value receiver = t.stack[cs];
        NativeFn fn = receiver instanceof MethodHolder h ? h.method(name) : Methods.find(receiver, name);
        if (fn == null) {
            Value member = null;
            if (receiver instanceof DictValue d) member = d.get(name);
            else if (receiver instanceof StructValue s) member = s.field(name);
            else if (receiver instanceof dev.ion.engine.value.ModuleValue m) member = m.member(name);
            if (member instanceof Closure || member instanceof BuiltinFn) {
                t.stack[cs] = member;
                return settle(t, cs, argc, null, null, false);
            }
            throw IonException.type(receiver.typeName() + " has no method '" + name + "'");
        }
        Value[] args = Arrays.copyOfRange(t.stack, cs, cs + 1 + argc);
        t.nativeName = name;
        Value r = fn.call(t, args);
        if (r == null) r = UnitValue.UNIT;
        return settle(t, cs, argc, null, r, false);
    }
}
