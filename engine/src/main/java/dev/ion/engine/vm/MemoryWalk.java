package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.Holder;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Measures the bytes a run still references, from its roots (globals and live tasks), in
 * steps that can be spread over many event-loop callbacks: {@link #step} does a bounded
 * amount of work and the walk resumes where it stopped. One step visits one value or
 * takes one element out of a collection, so a large list or a deep task stack costs many
 * steps, never one long one (a collection of at most {@value #SMALL} elements is taken in the
 * step that visits it). The run's tasks must not run between steps (they would
 * change what is being measured); {@link MemoryCheck} sees to that.
 */
final class MemoryWalk {
    /** A position inside a collection or root array: hands out its elements one by one. */
    private interface Cursor {
        /** The next element (a value, a nested cursor or null for an empty slot), or {@link #END}. */
        Object next();
    }

    private static final Object END = new Object();
    /** Collections up to this size have their elements pushed in the step that visits them. */
    static final int SMALL = 8;

    private final IdentitySet seen = new IdentitySet();
    private final ArrayDeque<Object> work = new ArrayDeque<>();
    private long bytes;
    private long values;

    MemoryWalk(RunState run, Iterable<Task> tasks) {
        work.push(array(run.globals, run.globals.length));
        for (Task t : tasks) {
            bytes += 8L * t.stack.length + (long) Task.FRAME_BYTES * (t.fp + 1);
            if (t.result != null) work.push(t.result);
            if (t.resumeValue != null) work.push(t.resumeValue);
            work.push(array(t.stack, Math.min(t.sp, t.stack.length)));
            work.push(frames(t));
        }
    }

    /** Walks at most {@code maxSteps} steps and returns how many it took; see {@link #done}. */
    int step(int maxSteps) {
        int n = 0;
        for (; n < maxSteps; n++) {
            Object top = work.peek();
            if (top == null) break;
            if (top instanceof Cursor c) {
                Object next = c.next();
                if (next == END) work.pop();
                else if (next != null) work.push(next);
            } else {
                work.pop();
                visit((Value) top);
            }
        }
        return n;
    }

    /** Whether everything reachable was measured. */
    boolean done() {
        return work.isEmpty();
    }

    /** Walks to the end at once (only where no event loop is waiting for the thread). */
    long finish() {
        while (!done()) step(Integer.MAX_VALUE);
        return bytes;
    }

    long bytes() {
        return bytes;
    }

    long values() {
        return values;
    }

    private void visit(Value v) {
        if (!seen.add(v)) return;
        values++;
        bytes += 16;
        if (v instanceof StrValue s) {
            bytes += 2L * s.javaLength();
        } else if (v instanceof BytesValue b) {
            bytes += b.size();
        } else if (v instanceof ListValue l) {
            bytes += 8L * l.size();
            if (l.intChunks() != null) {
                work.push(ints(l.intChunks(), l.size()));
            } else if (l.size() <= SMALL) {
                for (int i = 0; i < l.size(); i++) work.push(l.get(i));
            } else {
                work.push(list(l));
            }
        } else if (v instanceof TupleValue tv) {
            bytes += 8L * tv.size();
            pushAll(tv.items(), tv.size());
        } else if (v instanceof DictValue d) {
            bytes += 40L * d.size();
            work.push(dict(d));
        } else if (v instanceof SetValue s) {
            bytes += 32L * s.size();
            work.push(iterator(s.items().iterator()));
        } else if (v instanceof OptionValue o) {
            if (o.isSome()) work.push(o.value());
        } else if (v instanceof ResultValue r) {
            work.push(r.value());
        } else if (v instanceof CellValue c) {
            if (c.get() != null) work.push(c.get());
        } else if (v instanceof Closure c) {
            bytes += 8L * c.captures.length;
            pushAll(c.captures, c.captures.length);
        } else if (v instanceof StructValue s) {
            work.push(iterator(s.fields().values().iterator()));
        } else if (v instanceof EnumValue e) {
            pushAll(e.payload(), e.payload().length);
        } else if (v instanceof Holder h) {
            work.push(held(h));
        }
    }

    /** Pushes a small collection's elements at once (one step), a larger one's through a cursor. */
    private void pushAll(Value[] items, int length) {
        if (length > SMALL) {
            work.push(array(items, length));
            return;
        }
        for (int i = 0; i < length; i++) if (items[i] != null) work.push(items[i]);
    }

    private static Cursor array(Value[] items, int length) {
        return new Cursor() {
            private int i;

            @Override
            public Object next() {
                return i < length ? items[i++] : END;
            }
        };
    }

    /**
     * A list's unboxed ints, one per step: each counts as the object it would be if boxed, unless
     * it is one of the shared small ints (which every run references anyway).
     */
    private Cursor ints(long[][] ints, int length) {
        return new Cursor() {
            private int i;

            @Override
            public Object next() {
                if (i >= length) return END;
                if (!IntValue.isShared(ListValue.intAt(ints, i++))) {
                    values++;
                    bytes += 16;
                }
                return null;
            }
        };
    }

    private static Cursor list(ListValue l) {
        return new Cursor() {
            private int i;

            @Override
            public Object next() {
                return i < l.size() ? l.get(i++) : END;
            }
        };
    }

    private static Cursor iterator(Iterator<Value> it) {
        return () -> it.hasNext() ? it.next() : END;
    }

    private Cursor dict(DictValue d) {
        Iterator<Map.Entry<String, Value>> it = d.entries().iterator();
        return () -> {
            if (!it.hasNext()) return END;
            Map.Entry<String, Value> e = it.next();
            bytes += 2L * e.getKey().length();
            return e.getValue();
        };
    }

    /**
     * A holder's values, copied first: a channel's buffer may change between steps (the host
     * sends while the walk waits for its next slice), so the walk goes through a snapshot.
     */
    private static Cursor held(Holder h) {
        List<Value> copy = new ArrayList<>();
        h.forEachHeld(copy::add);
        return array(copy.toArray(new Value[0]), copy.size());
    }

    /** The closures and the values held by native continuations of a task's frames. */
    private static Cursor frames(Task t) {
        int last = Math.min(t.fp, t.frames.length - 1);
        return new Cursor() {
            private int i;

            @Override
            public Object next() {
                while (i <= last) {
                    Frame f = t.frames[i++];
                    if (f == null) continue;
                    if (f.continuation instanceof Holder h) return f.closure == null ? held(h) : pair(f.closure, held(h));
                    return f.closure;
                }
                return END;
            }
        };
    }

    private static Cursor pair(Object a, Object b) {
        return new Cursor() {
            private int i;

            @Override
            public Object next() {
                return switch (i++) {
                    case 0 -> a;
                    case 1 -> b;
                    default -> END;
                };
            }
        };
    }
}
