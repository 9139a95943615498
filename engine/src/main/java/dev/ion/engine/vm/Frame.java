package dev.ion.engine.vm;

import dev.ion.engine.compile.Proto;
import dev.ion.engine.value.Continuation;

/**
 * One activation on a task's heap call stack: an Ion function (closure, pc, base of its
 * locals) or a native continuation waiting for the result of a callback it asked for.
 * Frames are reused, so they are mutable.
 */
final class Frame {
    Closure closure;
    Proto proto;
    int pc;
    /** Index of local slot 0 on the task's value stack; the callee sits at {@code base - 1}. */
    int base;
    /** Set for native continuation frames only. */
    Continuation continuation;
    /** For native frames: where the native's final result goes. */
    int resultSlot;
    /** Name of the native, for stack traces. */
    String nativeName;

    /** Makes this (reused) frame the activation of {@code c} with its locals from {@code base}. */
    void enterIon(Closure c, int base) {
        closure = c;
        proto = c.proto;
        pc = 0;
        this.base = base;
        continuation = null;
        nativeName = null;
    }

    boolean isNative() {
        return continuation != null;
    }
}
