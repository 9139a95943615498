package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Continuation;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.Values;

import java.util.function.BiFunction;

/**
 * Stable merge sorts: a direct one under the total order of {@link Values#compare}, and a resumable
 * one for {@code sort_by} whose every comparison is an Ion callback driven through continuations.
 */
final class Sorting {
    private Sorting() {
    }

    /** Sorts {@code items} in place (stable) by the total order; fails on incomparable values. */
    static void sort(CallContext cx, Value[] items) {
        int n = items.length;
        Budget.charge(cx, Budget.sortCost(n));
        if (n < 2) return;
        Value[] a = items;
        Value[] b = new Value[n];
        final int run = 16;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(lo + run, n);
            for (int i = lo + 1; i < hi; i++) {
                Value x = a[i];
                int j = i - 1;
                while (j >= lo && Values.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) b[k++] = Values.compare(a[i], a[j]) <= 0 ? a[i++] : a[j++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            Value[] t = a;
            a = b;
            b = t;
        }
        if (a != items) System.arraycopy(a, 0, items, 0, n);
    }

    /**
     * Sorts a copy of {@code items} with the Ion comparator {@code cmp} (its result's sign orders
     * {@code a} before {@code b}) and returns {@code done.apply(cx, sorted)} — possibly after any
     * number of parked callbacks.
     */
    static Value sortBy(CallContext cx, String fn, Value[] items, Value cmp, BiFunction<CallContext, Value[], Value> done) {
        return new MergeBy(fn, items, cmp, done).run(cx);
    }

    /** The state of a bottom-up merge sort between two comparisons. */
    private static final class MergeBy implements Continuation {
        private final String fn;
        private final Value cmp;
        private final BiFunction<CallContext, Value[], Value> done;
        private final int n;
        private Value[] a;
        private Value[] b;
        private int width = 1;
        private int lo, mid, hi, i, j, k;

        MergeBy(String fn, Value[] items, Value cmp, BiFunction<CallContext, Value[], Value> done) {
            this.fn = fn;
            this.cmp = cmp;
            this.done = done;
            this.n = items.length;
            this.a = items;
            this.b = new Value[n];
            setUp(0);
        }

        private void setUp(int start) {
            lo = start;
            mid = Math.min(lo + width, n);
            hi = Math.min(lo + 2 * width, n);
            i = lo;
            j = mid;
            k = lo;
        }

        Value run(CallContext cx) {
            while (true) {
                if (width >= n) return done.apply(cx, a);
                if (lo >= n) {
                    Value[] t = a;
                    a = b;
                    b = t;
                    width = width > n / 2 ? n : width * 2;
                    setUp(0);
                    continue;
                }
                if (i < mid && j < hi) {
                    cx.charge(1);
                    return cx.call(cmp, new Value[] {a[i], a[j]}, this);
                }
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
                setUp(hi);
            }
        }

        @Override
        public Value resume(CallContext cx, Value result) {
            int sign;
            if (result instanceof IntValue iv) sign = Long.signum(iv.value);
            else if (result instanceof FloatValue fv) sign = fv.value > 0 ? 1 : 0;
            else throw IonException.type(fn + "() comparator must return an int, got " + result.typeName());
            if (sign <= 0) b[k++] = a[i++];
            else b[k++] = a[j++];
            return run(cx);
        }
    }
}
