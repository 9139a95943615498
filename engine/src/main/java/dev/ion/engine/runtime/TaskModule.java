package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.stdlib.Args;
import dev.ion.engine.stdlib.Seq;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskNative;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code task} module (LANGUAGE.md §15.12): the async toolkit of issue 20 — combinators, nursery options,
 * broadcast and oneshot channels, timers, retry, a circuit breaker and parallel helpers. It lives in the runtime
 * because every member parks the calling task or starts child tasks through the scheduler; callbacks run as
 * child tasks, so they obey fuel, memory, {@code max_tasks} and cancellation like any other task.
 */
public final class TaskModule {
    private static final ModuleValue MODULE = build();
    static final List<String> NURSERY_KEYS = List.of("timeout_ms", "max_tasks", "on_error");

    private TaskModule() {
    }

    /** The module; immutable, shared by all runs. */
    public static ModuleValue module() {
        return MODULE;
    }

    private static ModuleValue build() {
        Map<String, Value> m = new LinkedHashMap<>();
        fn(m, "join_all", 1, 1, (t, a) -> Combinators.joinAll(t, Combinators.handles("join_all", a[0]), false));
        fn(m, "try_join_all", 1, 1, (t, a) -> Combinators.joinAll(t, Combinators.handles("try_join_all", a[0]), true));
        fn(m, "select_all", 1, 1, (t, a) -> Combinators.selectAll(t, Combinators.handles("select_all", a[0])));
        fn(m, "race", 1, 1, (t, a) -> Combinators.race(t, "race", functions("race", a[0]), false));
        fn(m, "first_ok", 1, 1, (t, a) -> Combinators.race(t, "first_ok", functions("first_ok", a[0]), true));
        fn(m, "nursery", 1, 2, TaskModule::nursery);
        fn(m, "broadcast", 1, 1, TaskModule::broadcast);
        fn(m, "oneshot", 0, 0, (t, a) -> {
            Scheduler s = Children.scheduler(t);
            Channel c = new Channel(s, s.nextChannelId(), 1);
            return TupleValue.of(new ChannelEnd(c, true, true), new ChannelEnd(c, false));
        });
        fn(m, "interval", 1, 1, (t, a) -> {
            long ms = Args.integer("interval", a[0]);
            if (ms < 1) throw IonException.runtime("interval() expected a period of at least 1 ms, got " + ms);
            return new Ticker(Children.scheduler(t), ms);
        });
        fn(m, "sleep_until", 1, 1, (t, a) -> {
            long ms = Args.integer("sleep_until", a[0]);
            long elapsed = t.run.elapsedMillis();
            return Children.scheduler(t).timers.sleep(t, ms <= elapsed ? 0 : ms - elapsed);
        });
        fn(m, "retry", 1, 2, (t, a) -> Retry.run(t, callable("retry", a[0]),
                TaskOptions.of("retry", a.length > 1 ? a[1] : null, Retry.KEYS)));
        fn(m, "circuit_breaker", 0, 1, (t, a) -> new CircuitBreaker(Children.scheduler(t),
                TaskOptions.of("circuit_breaker", a.length > 0 ? a[0] : null, CircuitBreaker.KEYS)));
        parallel(m, "parallel_map", Parallel.Mode.MAP);
        parallel(m, "parallel_filter_map", Parallel.Mode.FILTER_MAP);
        parallel(m, "parallel_for_each", Parallel.Mode.FOR_EACH);
        fn(m, "parallel_reduce", 3, 3, (t, a) -> {
            Value[] items = Seq.elements(t, "parallel_reduce", a[0]);
            return Parallel.reduce(t, items, workers("parallel_reduce", a[1]), callable("parallel_reduce", a[2]));
        });
        return new ModuleValue("task", m);
    }

    private static void fn(Map<String, Value> m, String name, int min, int max, TaskNative body) {
        m.put(name, new BuiltinFn(name, TaskNative.of((task, args) -> {
            Arity.check(name, args.length, min, max);
            return body.call(task, args);
        })));
    }

    private static void parallel(Map<String, Value> m, String name, Parallel.Mode mode) {
        fn(m, name, 3, 3, (t, a) -> {
            Value[] items = Seq.elements(t, name, a[0]);
            return Parallel.map(t, name, items, workers(name, a[1]), callable(name, a[2]), mode);
        });
    }

    private static long workers(String fn, Value v) {
        if (!(v instanceof IntValue i)) throw IonException.type(fn + "() expected workers as an int, got " + v.typeName());
        if (i.value < 0) throw IonException.runtime(fn + "() expected workers of at least 0, got " + i.value);
        return i.value;
    }

    static Value callable(String fn, Value v) {
        if (Args.isCallable(v)) return v;
        throw IonException.type(fn + "() expected a function, got " + v.typeName());
    }

    private static Value[] functions(String fn, Value v) {
        Value[] fns;
        if (v instanceof ListValue l) fns = l.toArray();
        else if (v instanceof TupleValue t) fns = t.items().clone(); // as the handles of join_all
        else throw IonException.type(fn + "() expected a list of functions, got " + v.typeName());
        for (int i = 0; i < fns.length; i++) {
            if (!Args.isCallable(fns[i])) {
                throw IonException.type(fn + "() expected a list of functions, got " + fns[i].typeName() + " at index " + i);
            }
        }
        return fns;
    }

    private static Value broadcast(Task t, Value[] a) {
        if (!(a[0] instanceof IntValue n)) {
            throw IonException.type("broadcast() expected an int capacity, got " + a[0].typeName());
        }
        if (n.value < 1) throw IonException.runtime("broadcast capacity must be at least 1 (got " + n.value + ")");
        int max = t.limits().maxChannelCapacity();
        if (n.value > max) throw IonException.limit("max_channel_capacity", max);
        Scheduler s = Children.scheduler(t);
        Broadcast b = new Broadcast(s, s.nextChannelId(), (int) n.value);
        BuiltinFn subscribe = new BuiltinFn("subscribe", (cx, args) -> {
            Arity.check("subscribe", args.length, 0, 0);
            return new BroadcastEnd(b, b.subscribe());
        });
        return TupleValue.of(new BroadcastEnd(b, null), subscribe);
    }

    /** {@code nursery(opts, f)} or {@code nursery(f)}: {@code f()} inside an {@code async} block with options. */
    private static Value nursery(Task caller, Value[] a) {
        Value f = callable("nursery", a[a.length - 1]);
        TaskOptions o = TaskOptions.of("nursery", a.length > 1 ? a[0] : null, NURSERY_KEYS);
        long timeoutMs = o.integer("timeout_ms", 0, 1);
        long maxTasks = o.integer("max_tasks", 0, 1);
        String onError = o.choice("on_error", "cancel_all", List.of("cancel_all", "wait_all", "fail_fast"));
        Scheduler s = Children.scheduler(caller);
        boolean[] over = {false};
        Cancellable[] timer = new Cancellable[1];
        TaskInfo child = Children.startEntry(s, Children.NURSERY, new Value[] {f}, (c, v, e) -> {
            if (over[0]) return;
            over[0] = true;
            if (timer[0] != null) timer[0].cancel();
            if (e != null) s.wakeWithError(caller, TaskInfo.rethrow(e));
            else s.wake(caller, v);
        });
        child.nextNurseryPolicy = new Nursery.Policy(maxTasks, onError.equals("wait_all"));
        if (timeoutMs > 0) {
            timer[0] = s.timers.timer(timeoutMs, () -> {
                if (over[0]) return;
                over[0] = true;
                s.tasks.cancelTask(child);
                s.wakeWithError(caller, IonException.runtime("nursery timed out after " + timeoutMs + " ms"));
            });
        }
        return s.park(caller, "task::nursery", () -> {
            over[0] = true;
            if (timer[0] != null) timer[0].cancel();
            s.tasks.cancelTask(child);
        });
    }
}
