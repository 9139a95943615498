package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Measures the bytes a run still references, from its roots (globals and live task
 * stacks), iteratively. Used when the allocation counter crosses {@code max_memory_bytes},
 * so that churning temporaries never fails a run but retaining too much does.
 */
final class MemoryMeter {
    private MemoryMeter() {
    }

    static long measure(RunState run, Iterable<Task> tasks) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Value> work = new ArrayDeque<>();
        for (Value v : run.globals) if (v != null) work.push(v);
        long total = 0;
        for (Task t : tasks) {
            total += 8L * t.stack.length + (long) Task.FRAME_BYTES * (t.fp + 1);
            for (int i = 0; i < Math.min(t.sp, t.stack.length); i++) if (t.stack[i] != null) work.push(t.stack[i]);
            for (int i = 0; i <= Math.min(t.fp, t.frames.length - 1); i++) {
                Frame f = t.frames[i];
                if (f == null) continue;
                if (f.closure != null) work.push(f.closure);
                if (f.continuation instanceof dev.ion.engine.value.Holder h) {
                    h.forEachHeld(x -> {
                        if (x != null) work.push(x);
                    });
                }
            }
        }
        while (!work.isEmpty()) {
            Value v = work.pop();
            if (seen.put(v, Boolean.TRUE) != null) continue;
            total += 16;
            if (v instanceof StrValue s) {
                total += 2L * s.javaLength();
            } else if (v instanceof BytesValue b) {
                total += b.size();
            } else if (v instanceof ListValue l) {
                total += 8L * l.size();
                for (int i = 0; i < l.size(); i++) work.push(l.get(i));
            } else if (v instanceof TupleValue tv) {
                total += 8L * tv.size();
                for (Value x : tv.items()) work.push(x);
            } else if (v instanceof DictValue d) {
                total += 40L * d.size();
                for (Map.Entry<String, Value> e : d.entries()) {
                    total += 2L * e.getKey().length();
                    work.push(e.getValue());
                }
            } else if (v instanceof SetValue s) {
                total += 32L * s.size();
                for (Value x : s.items()) work.push(x);
            } else if (v instanceof OptionValue o) {
                if (o.isSome()) work.push(o.value());
            } else if (v instanceof ResultValue r) {
                work.push(r.value());
            } else if (v instanceof CellValue c) {
                work.push(c.get());
            } else if (v instanceof Closure c) {
                total += 8L * c.captures.length;
                for (Value x : c.captures) if (x != null) work.push(x);
            } else if (v instanceof StructValue s) {
                for (Value x : s.fields().values()) work.push(x);
            } else if (v instanceof EnumValue e) {
                for (Value x : e.payload()) work.push(x);
            } else if (v instanceof dev.ion.engine.value.Holder h) {
                h.forEachHeld(x -> {
                    if (x != null) work.push(x);
                });
            }
        }
        return total;
    }
}
