package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.stdlib.Args;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.vm.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The global functions of LANGUAGE.md §10 that need the scheduler: {@code sleep}, {@code timeout}, {@code channel}. */
public final class ConcurrencyBuiltins {
    private ConcurrencyBuiltins() {
    }

    public static Map<String, Value> all() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("sleep", new BuiltinFn("sleep", (cx, args) -> {
            arity("sleep", args, 1);
            return scheduler(cx).sleep((Task) cx, millis("sleep", args[0]));
        }));
        m.put("timeout", new BuiltinFn("timeout", (cx, args) -> {
            arity("timeout", args, 2);
            return scheduler(cx).timeout((Task) cx, millis("timeout", args[0]), args[1]);
        }));
        m.put("channel", new BuiltinFn("channel", (cx, args) -> {
            arity("channel", args, 1);
            if (!(args[0] instanceof IntValue n)) {
                throw IonException.type("channel() expected an int capacity, got " + args[0].typeName());
            }
            if (n.value < 1) throw IonException.runtime("channel capacity must be at least 1 (got " + n.value + ")");
            int max = cx.limits().maxChannelCapacity();
            if (n.value > max) throw IonException.limit("max_channel_capacity", max);
            Scheduler s = scheduler(cx);
            Channel c = new Channel(s, s.newChannelId(), (int) n.value);
            return TupleValue.of(new ChannelEnd(c, true), new ChannelEnd(c, false));
        }));
        return m;
    }

    /** Wraps a host async function: the calling task parks until its future completes. */
    public static BuiltinFn asyncHostFunction(String name, Function<List<Value>, CompletionStage<Value>> fn) {
        return new BuiltinFn(name, (cx, args) -> {
            Scheduler s = scheduler(cx);
            s.rejectUnderSynchronousEval(name);
            return s.awaitHost((Task) cx, name, fn.apply(List.of(args)));
        });
    }

    static Scheduler scheduler(dev.ion.engine.value.CallContext cx) {
        Object host = ((Task) cx).run.host;
        if (host instanceof Scheduler s) return s;
        throw IonException.runtime("concurrency is not available in this context");
    }

    private static long millis(String fn, Value v) {
        if (v instanceof IntValue i) return i.value;
        if (v instanceof FloatValue f) return (long) f.value;
        throw IonException.type(fn + "() expected milliseconds as a number, got " + v.typeName());
    }

    private static void arity(String name, Value[] args, int n) {
        if (args.length != n) throw IonException.runtime(Args.arityMessage(name, args.length, n, n));
    }
}
