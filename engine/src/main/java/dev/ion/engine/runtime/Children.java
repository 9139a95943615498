package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Task;

import java.util.Arrays;

/**
 * Starts the callbacks of the {@code task} module as child tasks of the calling task, each reporting how it
 * ended to a Java callback (as the arms of {@code select} do). A task's entry must be an Ion closure, so each
 * child starts in one of a few tiny Ion functions compiled once ({@code |f, x| f(x)} …), which makes any callable
 * — a closure, a built-in, an async host function — usable. Errors of a child reach the caller through
 * {@link TaskInfo#rethrow}, so they point at the caller's line, not into these helpers.
 */
final class Children {
    /** How a child ended: exactly one of {@code value} and {@code error} is set, unless it was cancelled. */
    interface Outcome {
        void ended(TaskInfo child, Value value, IonException error);
    }

    private static final Closure CALL0 = helper("|f| f()");
    private static final Closure CALL1 = helper("|f, x| f(x)");
    private static final Closure CALL2 = helper("|f, a, b| f(a, b)");
    /** Runs {@code f()} inside an {@code async} block: the nursery that {@code task::nursery} configures. */
    static final Closure NURSERY = helper("|f| async { f() }");

    private Children() {
    }

    private static Closure helper(String source) {
        Proto helper = Compiler.compile(source, name -> null).main().protos[0];
        // positionless: an error or limit met in the helper itself is placed in the script, not at 1:5
        Arrays.fill(helper.lines, 0);
        Arrays.fill(helper.columns, 0);
        return new Closure(helper, new Value[0]);
    }

    /** Starts {@code fn(args…)} (zero to two arguments) as a child; {@code outcome} hears how it ended. */
    static TaskInfo start(Scheduler s, Value fn, Value[] args, Outcome outcome) {
        Closure entry = switch (args.length) {
            case 0 -> CALL0;
            case 1 -> CALL1;
            default -> CALL2;
        };
        Value[] all = new Value[args.length + 1];
        all[0] = fn;
        System.arraycopy(args, 0, all, 1, args.length);
        return startEntry(s, entry, all, outcome);
    }

    /** Starts {@code entry(args…)} as a child reporting to {@code outcome}. */
    static TaskInfo startEntry(Scheduler s, Closure entry, Value[] args, Outcome outcome) {
        Task t = s.tasks.newCallTask(entry, args);
        TaskInfo info = Scheduler.info(t);
        info.racer = (child, v, e) -> {
            if (!child.cancelled) outcome.ended(child, v, e);
        };
        s.turns.enqueue(t);
        return info;
    }

    /** The scheduler of the run the task belongs to. */
    static Scheduler scheduler(Task task) {
        return Scheduler.info(task).scheduler;
    }
}
