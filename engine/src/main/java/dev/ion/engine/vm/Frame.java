package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.value.Continuation;

/**
 * One activation on a task's heap call stack: an Ion function (closure, pc, base of its
 * locals) or a native continuation waiting for the result of a callback it asked for.
 * Frames are reused, so they are mutable.
 */
final class Frame {
    /** Its index in the task's frames: the call depth it runs at. */
    final int depth;
    /** The frame below (at {@code depth - 1}), or null at depth 0. */
    final Frame caller;
    /** The frame above, once made; the fast call path enters it without looking at the task. */
    Frame next;
    Closure closure;
    Proto proto;
    /** {@code proto.code} and {@code proto.constants}, one load nearer for the fast return path. */
    int[] code;
    Value[] constants;
    int pc;
    /** Index of local slot 0 on the task's value stack; the callee sits at {@code base - 1}. */
    int base;
    /** Set for native continuation frames only. */
    Continuation continuation;
    /** For native frames: where the native's final result goes. */
    int resultSlot;
    /** Name of the native, for stack traces. */
    String nativeName;

    Frame(int depth, Frame caller) {
        this.depth = depth;
        this.caller = caller;
        if (caller != null) caller.next = this;
    }

    /** Makes this (reused) frame the activation of {@code c} with its locals from {@code base}. */
    void enterIon(Closure c, int base) {
        Proto p = c.proto;
        closure = c;
        proto = p;
        code = p.code;
        constants = p.constants;
        pc = 0;
        this.base = base;
        continuation = null;
        nativeName = null;
    }

    boolean isNative() {
        return continuation != null;
    }
}
