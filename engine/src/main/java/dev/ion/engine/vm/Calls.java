package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.stdlib.Methods;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.UnitValue;

import java.util.concurrent.CompletionStage;

/**
 * Calls, returns and continuations on the general path (what Lua keeps in {@code ldo.c}, apart from its
 * dispatch loop in {@code lvm.c}): entering closures with bound arguments, running natives, driving the
 * continuation frames of natives that call back into Ion, returning values to callers, and parking a task
 * whose native must wait. The fast loop in {@link Interpreter} handles plain Ion-to-Ion calls and returns
 * itself, and a few method calls on lists and dicts (push, len, get, contains_key) on their plain shapes, and
 * leaves everything else here.
 *
 * <p>The task's state is current in the task when these methods are called, and is left current.
 */
final class Calls {
    private Calls() {
    }

    /** Calls the callee at {@code cs} with the {@code argc} arguments above it. */
    static Step call(Task t, int cs, int argc) {
        return settle(t, cs, argc, null, null, false);
    }

    /**
     * {@code f(*args, **kwargs)}: the callee sits below the list of positional arguments and the dict of
     * keyword arguments at the top of the stack.
     */
    static Step callSpread(Task t) {
        Value[] stack = t.stack;
        int sp = t.sp;
        DictValue kwargs = (DictValue) stack[--sp];
        ListValue args = (ListValue) stack[--sp];
        stack[sp] = null;
        stack[sp + 1] = null;
        int cs = sp - 1;
        Value[] a = args.toArray();
        t.ensureStack(cs + 2 + a.length);
        System.arraycopy(a, 0, t.stack, cs + 1, a.length);
        t.sp = cs + 1 + a.length;
        boolean plain = kwargs.size() == 0 && !(t.stack[cs] instanceof Closure);
        return settle(t, cs, a.length, plain ? null : kwargs, null, false);
    }

    /** {@code receiver.name(*args)}: the receiver sits below the list of arguments at the top of the stack. */
    static Step callMethodSpread(Task t, String name) {
        int sp = t.sp;
        Value[] a = ((ListValue) t.stack[--sp]).toArray();
        t.stack[sp] = null;
        t.ensureStack(sp + a.length + 2);
        System.arraycopy(a, 0, t.stack, sp, a.length);
        t.sp = sp + a.length;
        return callMethod(t, sp - 1, a.length, name);
    }

    /** Method call with the receiver at {@code cs} and {@code argc} arguments above it. */
    static Step callMethod(Task t, int cs, int argc, String name) {
        Value receiver = t.stack[cs];
        NativeFn fn = receiver instanceof MethodHolder h ? h.method(name) : null;
        if (fn == null) fn = Methods.find(receiver, name); // every value, tasks and channel ends too, has to_string
        if (fn == null) {
            Value member = null;
            if (receiver instanceof DictValue d) member = d.get(name);
            else if (receiver instanceof StructValue s) member = s.field(name);
            else if (receiver instanceof ModuleValue m) member = m.member(name);
            if (member instanceof Closure || member instanceof BuiltinFn) {
                t.stack[cs] = member;
                return settle(t, cs, argc, null, null, false);
            }
            throw IonException.type(receiver.typeName() + " has no method '" + name + "'");
        }
        Value[] args = slice(t.stack, cs, 1 + argc);
        t.nativeName = name;
        Value r = invoke(t, fn, args);
        if (r == null) r = UnitValue.UNIT;
        return settle(t, cs, argc, null, r, false);
    }

    /**
     * A copy of {@code n} stack slots from {@code from}. Not {@code Arrays.copyOfRange}: for an array whose
     * class the JIT cannot prove, that one creates the copy reflectively ({@code Array.newInstance}), which
     * showed as 3 % of a loop of {@code xs = xs.push(i)}.
     */
    static Value[] slice(Value[] stack, int from, int n) {
        Value[] out = new Value[n];
        System.arraycopy(stack, from, out, 0, n);
        return out;
    }

    /** Runs a native; one that needs the task itself ({@link TaskNative}) gets it. */
    private static Value invoke(Task t, NativeFn fn, Value[] args) {
        return fn instanceof TaskNative n ? n.call(t, args) : fn.call(t, args);
    }

    /**
     * Drives calls whose callee sits at {@code cs}: enters closures, runs natives and their
     * continuations, until an Ion frame must run (CONTINUE) or the task parks (PARKED).
     * With {@code r == null}, invokes the callee; otherwise delivers {@code r} as a result at {@code cs}.
     */
    static Step settle(Task t, int cs, int argc, DictValue kwargs, Value r, boolean continuing) {
        while (true) {
            if (r == null) {
                Value callee = t.stack[cs];
                if (callee instanceof Closure c) {
                    enterClosure(t, c, cs, argc, kwargs);
                    return Step.CONTINUE;
                }
                if (!(callee instanceof BuiltinFn b)) {
                    throw IonException.type("cannot call a value of type " + callee.typeName());
                }
                if (kwargs != null && kwargs.size() > 0) {
                    throw Arity.argument(b.name() + "() does not take keyword arguments");
                }
                Value[] args = slice(t.stack, cs + 1, argc);
                continuing = false;
                t.nativeName = b.name();
                r = invoke(t, b.body(), args);
                if (r == null) r = UnitValue.UNIT;
                continue;
            }
            if (t.backpressure != null && r != CallContext.SUSPEND) {
                CompletionStage<?> stage = t.backpressure;
                t.backpressure = null;
                r = t.host().parkUntil(t, stage, r);
            }
            if (r == CallContext.SUSPEND) {
                Value fn = t.pendingFn;
                if (fn != null) {
                    callBack(t, cs, continuing);
                    argc = t.sp - cs - 1;
                    kwargs = null;
                    r = null;
                    continue;
                }
                if (continuing) t.fp--;
                park(t, cs);
                return Step.PARKED;
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
            return Step.CONTINUE;
        }
    }

    /**
     * A native asked (through {@link CallContext#call}) for a callback: keeps its continuation in a native
     * frame (a fresh one, or the one it is resuming in) and puts the callback and its arguments at {@code cs}.
     */
    private static void callBack(Task t, int cs, boolean continuing) {
        if (continuing) {
            t.frames[t.fp].continuation = t.pendingContinuation;
        } else {
            if (t.fp > t.maxCallDepth) {
                throw IonException.limit("max_call_depth", t.run.limits.maxCallDepth());
            }
            t.pushNativeFrame(t.nativeName, cs, t.pendingContinuation);
        }
        Value fn = t.pendingFn;
        Value[] a = t.pendingArgs;
        t.pendingFn = null;
        t.pendingArgs = null;
        t.pendingContinuation = null;
        t.ensureStack(cs + 2 + a.length);
        t.stack[cs] = fn;
        System.arraycopy(a, 0, t.stack, cs + 1, a.length);
        t.sp = cs + 1 + a.length;
    }

    /** Parks the task in the call whose result goes to {@code cs}; {@link #resumeParked} delivers it. */
    static void park(Task t, int cs) {
        t.parkedSlot = cs;
        t.sp = cs + 1;
    }

    /**
     * At the start of a turn, delivers what the task parked for: the value goes to the parked call's slot
     * (and on into its continuations), an error is thrown from there.
     */
    static Step resumeParked(Task t) {
        if (t.parkedSlot < 0) return Step.CONTINUE;
        int slot = t.parkedSlot;
        t.parkedSlot = -1;
        IonException err = t.resumeError;
        Value v = t.resumeValue;
        t.resumeError = null;
        t.resumeValue = null;
        if (err != null) throw err;
        return settle(t, slot, 0, null, v, false);
    }

    /** Enters a closure whose callee sits at {@code cs} with {@code argc} arguments above it. */
    private static void enterClosure(Task t, Closure c, int cs, int argc, DictValue kwargs) {
        Proto p = c.proto;
        if (t.fp > t.maxCallDepth) {
            throw IonException.limit("max_call_depth", t.run.limits.maxCallDepth());
        }
        if (p.params.simple && kwargs == null) {
            if (argc != p.params.names.length) throw arity(p, argc);
        } else {
            Value[] slots = Binder.bind(p.name, p.params, slice(t.stack, cs + 1, argc), argc,
                    kwargs);
            t.ensureStack(cs + 1 + slots.length + 1);
            System.arraycopy(slots, 0, t.stack, cs + 1, slots.length);
            argc = slots.length;
        }
        t.pushFrame(c, cs + 1);
        int top = cs + 1 + p.maxLocals;
        Value[] stack = t.stack;
        for (int i = cs + 1 + argc; i < top; i++) stack[i] = null;
        t.sp = top;
    }

    private static IonException arity(Proto p, int argc) {
        int n = p.params.names.length;
        if (argc < n) {
            return Arity.argument(p.name + "() missing required argument '" + p.params.names[argc] + "'");
        }
        return Arity.error(p.name, argc, n, n);
    }

    /** Returns {@code result} from the task's current Ion frame (the state is saved in the task). */
    static Step returnValue(Task t, Value result) {
        if (!t.handlers.isEmpty()) Unwinding.dropFrameHandlers(t);
        int cs = t.frames[t.fp].base - 1;
        if (t.fp == 0) {
            t.fp = -1;
            t.result = result;
            t.sp = 0;
            return Step.DONE;
        }
        t.fp--;
        if (t.frames[t.fp].continuation != null) {
            t.sp = cs;
            return settle(t, cs, 0, null, result, false);
        }
        t.stack[cs] = result;
        t.sp = cs + 1;
        return Step.CONTINUE;
    }

    /** A closure over {@code p} with its captures taken from the running frame (CLOSURE). */
    static Closure closure(Task t, Frame frame, Proto p) {
        int n = p.captureKinds.length;
        Value[] captures = n == 0 ? NO_CAPTURES : new Value[n];
        for (int i = 0; i < n; i++) {
            int idx = p.captureIndexes[i];
            captures[i] = switch (p.captureKinds[i]) {
                case Proto.FROM_LOCAL -> t.stack[frame.base + idx];
                case Proto.FROM_CAPTURE -> frame.closure.captures[idx];
                case Proto.FROM_GLOBAL -> t.run.globals[idx];
                default -> frame.closure;
            };
            if (captures[i] == null) {
                // a binding declared later in the same scope (e.g. mutual references); capture a placeholder
                captures[i] = UnitValue.UNIT;
            }
        }
        t.allocate(16 + 8L * n);
        return new Closure(p, captures);
    }

    private static final Value[] NO_CAPTURES = new Value[0];
}
