package dev.ion.engine.vm;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.value.StrValue;

import java.util.Arrays;

/**
 * Error unwinding (the throw side of Lua's {@code ldo.c}): an error raised in a task goes to its innermost
 * {@code try} handler, which restores the frame and stack height it saved and receives the message; an error
 * no handler can catch ends the task. Java failures become Ion errors here too.
 */
final class Unwinding {
    private Unwinding() {
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

    /** The Ion error for a Java failure inside an instruction; its details stay out of user messages. */
    static IonException internal(Throwable e) {
        if (e instanceof StackOverflowError) {
            return new IonException(ErrorKind.RUNTIME, "value nested too deeply", 0, 0);
        }
        if (e instanceof OutOfMemoryError) {
            return new IonException(ErrorKind.LIMIT, "limit exceeded: max_memory_bytes", 0, 0);
        }
        return IonException.internal();
    }

    /** Drops the handlers the returning frame installed (a {@code return} out of a {@code try}). */
    static void dropFrameHandlers(Task t) {
        while (!t.handlers.isEmpty() && t.handlers.get(t.handlers.size() - 1).frameIndex >= t.fp) {
            t.handlers.remove(t.handlers.size() - 1);
        }
    }
}
