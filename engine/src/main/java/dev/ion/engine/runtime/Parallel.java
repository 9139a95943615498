package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.Holder;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The parallel helpers of the {@code task} module: {@code parallel_map}, {@code parallel_filter_map},
 * {@code parallel_for_each} and {@code parallel_reduce}. Each call of {@code f} is a child task; at most
 * {@code min(workers, calls left)} are in flight. The first error cancels the calls in flight and is raised at
 * the caller. Results are kept in input order; while the caller waits they count as held by the run.
 */
final class Parallel {
    /** Calls in flight when {@code workers} is 0. */
    static final int DEFAULT_WORKERS = 8;

    enum Mode { MAP, FILTER_MAP, FOR_EACH }

    private final Scheduler s;
    private final Task caller;
    private final String fn;
    private final Value f;
    private final long workers;
    private final Set<TaskInfo> inFlight = new LinkedHashSet<>();
    private boolean over;

    /** One round of calls: the arguments of call {@code i} and where its result goes. */
    private Value[][] calls;
    private Value[] results;
    private int started;
    private int finished;
    private Runnable roundDone;

    private Parallel(Task caller, String fn, Value f, long workers) {
        this.s = Children.scheduler(caller);
        this.caller = caller;
        this.fn = fn;
        this.f = f;
        this.workers = workers == 0 ? DEFAULT_WORKERS : workers;
    }

    /** The results of the round so far, so that the memory check counts them while the caller is parked. */
    private final class Partial extends Value implements Holder {
        @Override
        public String typeName() {
            return "partial results";
        }

        @Override
        public void forEachHeld(Consumer<Value> action) {
            if (results == null) return;
            for (Value v : results) if (v != null) action.accept(v);
        }
    }

    static Value map(Task caller, String fn, Value[] items, long workers, Value f, Mode mode) {
        if (items.length == 0) return mode == Mode.FOR_EACH ? UnitValue.UNIT : ListValue.EMPTY;
        Parallel p = new Parallel(caller, fn, f, workers);
        Value[][] calls = new Value[items.length][];
        for (int i = 0; i < items.length; i++) calls[i] = new Value[] {items[i]};
        caller.allocate(8L * items.length + 16);
        p.start(() -> p.round(calls, () -> p.finish(switch (mode) {
            case FOR_EACH -> UnitValue.UNIT;
            case MAP -> ListValue.wrap(p.results, p.results.length);
            case FILTER_MAP -> p.somes();
        })));
        return p.park();
    }

    /** {@code parallel_reduce}: combines neighbours pairwise, round after round, so {@code f} need only be associative. */
    static Value reduce(Task caller, Value[] items, long workers, Value f) {
        if (items.length == 0) return OptionValue.NONE;
        if (items.length == 1) return OptionValue.some(items[0]);
        Parallel p = new Parallel(caller, "parallel_reduce", f, workers);
        p.start(() -> p.reduceRound(items));
        return p.park();
    }

    private void reduceRound(Value[] level) {
        Value[][] pairs = new Value[level.length / 2][];
        for (int i = 0; i < pairs.length; i++) pairs[i] = new Value[] {level[2 * i], level[2 * i + 1]};
        round(pairs, () -> {
            Value[] next = new Value[(level.length + 1) / 2];
            System.arraycopy(results, 0, next, 0, pairs.length);
            if (level.length % 2 == 1) next[next.length - 1] = level[level.length - 1];
            if (next.length == 1) finish(OptionValue.some(next[0]));
            else reduceRound(next);
        });
    }

    private Value somes() {
        List<Value> kept = new ArrayList<>();
        for (Value v : results) {
            OptionValue o = (OptionValue) v;
            if (o.isSome()) kept.add(o.value());
        }
        return ListValue.wrap(kept.toArray(new Value[0]), kept.size());
    }

    /** Starts the first calls; when one cannot start (a limit), those started are cancelled first. */
    private void start(Runnable first) {
        try {
            first.run();
        } catch (IonException e) {
            cancel();
            throw e;
        }
    }

    private void round(Value[][] calls, Runnable done) {
        this.calls = calls;
        this.results = new Value[calls.length];
        this.started = 0;
        this.finished = 0;
        this.roundDone = done;
        launch();
    }

    private void launch() {
        while (!over && inFlight.size() < workers && started < calls.length) {
            int i = started++;
            Value[] args = calls[i];
            calls[i] = null;
            inFlight.add(Children.start(s, f, args, (child, v, e) -> ended(child, i, v, e)));
        }
    }

    private void ended(TaskInfo child, int i, Value v, IonException e) {
        if (over) return;
        inFlight.remove(child);
        if (e == null && fn.equals("parallel_filter_map") && !(v instanceof OptionValue)) {
            e = IonException.type("parallel_filter_map() expected f to return an Option, got " + v.typeName());
        }
        if (e != null) {
            fail(TaskInfo.rethrow(e));
            return;
        }
        results[i] = v;
        finished++;
        try {
            if (finished == calls.length) roundDone.run();
            else launch();
        } catch (IonException limit) {
            fail(limit);
        }
    }

    private void fail(IonException e) {
        cancel();
        s.wakeWithError(caller, e);
    }

    private void finish(Value v) {
        over = true;
        s.wake(caller, v);
    }

    private Value park() {
        caller.resume(new Partial());
        return s.park(caller, "task::" + fn, this::cancel);
    }

    private void cancel() {
        over = true;
        for (TaskInfo t : new ArrayList<>(inFlight)) s.tasks.cancelTask(t);
        inFlight.clear();
    }
}
