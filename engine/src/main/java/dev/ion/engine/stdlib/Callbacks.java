package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Continuation;
import dev.ion.engine.value.Holder;

import java.util.function.Consumer;

/**
 * Resumable loops for built-ins that call back into Ion ({@code map}, {@code filter}, {@code fold} …).
 * Each step returns {@code cx.call(...)} with the loop itself as continuation, so a callback may park
 * the task in the middle and the host stack never grows with the number of elements.
 */
final class Callbacks {
    private Callbacks() {
    }

    /** A loop over indices {@code 0..n-1} that calls {@code fn} once per index. */
    abstract static class Loop implements Continuation, Holder {
        final Value fn;
        final int n;
        int i;

        Loop(Value fn, int n) {
            this.fn = fn;
            this.n = n;
        }

        /** Starts the loop; the native returns what this returns. */
        final Value start(CallContext cx) {
            return step(cx);
        }

        private Value step(CallContext cx) {
            if (i >= n) return finish(cx);
            cx.charge(1);
            return cx.call(fn, argsAt(i), this);
        }

        @Override
        public final Value resume(CallContext cx, Value result) {
            int idx = i++;
            Value early = accept(cx, idx, result);
            if (early != null) return early;
            return step(cx);
        }

        /** The callback arguments for index {@code i}. */
        abstract Value[] argsAt(int i);

        /** Consumes the callback's result for index {@code i}; non-null ends the loop with that value. */
        abstract Value accept(CallContext cx, int i, Value result);

        /** The native's result once every index was visited. */
        abstract Value finish(CallContext cx);

        /** Partial results kept so far, so the memory meter sees them while the loop runs. */
        @Override
        public void forEachHeld(Consumer<Value> action) {
        }
    }

    /** Calls {@code fn(args)} once and hands the result to {@code then}. */
    static Value once(CallContext cx, Value fn, Value[] args, Continuation then) {
        cx.charge(1);
        return cx.call(fn, args, then);
    }
}
