package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskNative;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The global functions of LANGUAGE.md §10 that need the scheduler: {@code sleep}, {@code timeout},
 * {@code channel}, and async host functions. They reach it through the task's {@link dev.ion.engine.vm.TaskHost}.
 */
public final class ConcurrencyBuiltins {
    private ConcurrencyBuiltins() {
    }

    public static Map<String, Value> all() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("sleep", new BuiltinFn("sleep", TaskNative.of(ConcurrencyBuiltins::sleep)));
        m.put("timeout", new BuiltinFn("timeout", TaskNative.of(ConcurrencyBuiltins::timeout)));
        m.put("channel", new BuiltinFn("channel", TaskNative.of(ConcurrencyBuiltins::channel)));
        return m;
    }

    /** Wraps a host async function: the calling task parks until its future completes. */
    public static BuiltinFn asyncHostFunction(String name, Function<List<Value>, CompletionStage<Value>> fn) {
        return new BuiltinFn(name, TaskNative.of((task, args) ->
                task.host().awaitHost(task, name, () -> fn.apply(List.of(args)))));
    }

    private static Value sleep(Task task, Value[] args) {
        arity("sleep", args, 1);
        return task.host().sleep(task, millis("sleep", args[0]));
    }

    private static Value timeout(Task task, Value[] args) {
        arity("timeout", args, 2);
        return task.host().timeout(task, millis("timeout", args[0]), args[1]);
    }

    private static Value channel(Task task, Value[] args) {
        arity("channel", args, 1);
        if (!(args[0] instanceof IntValue n)) {
            throw IonException.type("channel() expected an int capacity, got " + args[0].typeName());
        }
        if (n.value < 1) throw IonException.runtime("channel capacity must be at least 1 (got " + n.value + ")");
        int max = task.limits().maxChannelCapacity();
        if (n.value > max) throw IonException.limit("max_channel_capacity", max);
        return task.host().channel((int) n.value);
    }

    private static long millis(String fn, Value v) {
        if (v instanceof IntValue i) return i.value;
        if (v instanceof FloatValue f) return (long) f.value;
        throw IonException.type(fn + "() expected milliseconds as a number, got " + v.typeName());
    }

    private static void arity(String name, Value[] args, int n) {
        if (args.length != n) throw Arity.error(name, args.length, n, n);
    }
}
