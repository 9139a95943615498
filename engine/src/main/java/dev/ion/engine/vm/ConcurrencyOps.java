package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.value.CallContext;

import java.util.Arrays;

/**
 * The instructions of structured concurrency ({@code async} blocks, {@code spawn}, {@code .await},
 * {@code select}): each asks the runtime through {@link TaskHost}, which answers at once or parks the task
 * until it can. The VM never calls the scheduler otherwise.
 *
 * <p>The task's state is current in the task when these methods are called, and is left current.
 */
final class ConcurrencyOps {
    private ConcurrencyOps() {
    }

    /**
     * NURSERY_END, AWAIT and SPAWN act on the value on top of the stack; SELECT on the {@code armCount} arm
     * functions there. The result replaces them, now or when the task is resumed.
     */
    static Step execute(Task t, int op, int armCount) {
        TaskHost host = t.host();
        Value r;
        int cs;
        if (op == Opcodes.SELECT) {
            int sp = t.sp;
            Value[] arms = Arrays.copyOfRange(t.stack, sp - armCount, sp);
            Arrays.fill(t.stack, sp - armCount, sp, null);
            cs = sp - armCount;
            t.sp = cs + 1;
            r = host.select(t, arms);
        } else {
            cs = t.sp - 1;
            Value v = t.stack[cs];
            r = op == Opcodes.NURSERY_END ? host.closeNursery(t, v)
                    : op == Opcodes.AWAIT ? host.await(t, v) : host.spawn(t, v);
        }
        if (r == CallContext.SUSPEND) {
            Calls.park(t, cs);
            return Step.PARKED;
        }
        t.stack[cs] = r;
        t.sp = cs + 1;
        return Step.CONTINUE;
    }
}
