package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.Atom;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskNative;

import java.util.List;

/**
 * The value of {@code task::circuit_breaker(opts)}. Closed, it runs calls and counts consecutive failures;
 * {@code failure_threshold} of them open it. Open, calls fail with {@code circuit open} without running until
 * {@code reset_timeout_ms} have passed; it is then half open and lets {@code half_open_max_calls} trial calls
 * run at once: a trial's success closes it, a trial's failure opens it again.
 */
final class CircuitBreaker extends Value implements Atom, MethodHolder {
    static final List<String> KEYS = List.of("failure_threshold", "reset_timeout_ms", "half_open_max_calls");

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final Scheduler s;
    private final long threshold;
    private final long resetMs;
    private final long halfOpenMax;
    private State state = State.CLOSED;
    private long failures;
    private long openedAt;
    private long trials;

    CircuitBreaker(Scheduler s, TaskOptions o) {
        this.s = s;
        this.threshold = o.integer("failure_threshold", 5, 1);
        this.resetMs = o.integer("reset_timeout_ms", 30_000, 0);
        this.halfOpenMax = o.integer("half_open_max_calls", 1, 1);
    }

    @Override
    public String typeName() {
        return "circuit_breaker";
    }

    @Override
    public String text() {
        return "<circuit_breaker " + stateName() + ">";
    }

    private void refresh() {
        if (state == State.OPEN && s.loop.nowMillis() - openedAt >= resetMs) {
            state = State.HALF_OPEN;
            trials = 0;
        }
    }

    private String stateName() {
        return state.name().toLowerCase();
    }

    @Override
    public NativeFn method(String name) {
        return switch (name) {
            case "state" -> (cx, args) -> {
                Arity.check("state", args.length - 1, 0, 0);
                refresh();
                return StrValue.of(stateName());
            };
            case "call" -> TaskNative.of((task, args) -> {
                Arity.check("call", args.length - 1, 1, 1);
                return call(task, TaskModule.callable("call", args[1]));
            });
            default -> null;
        };
    }

    private Value call(Task caller, Value fn) {
        refresh();
        if (state == State.OPEN || state == State.HALF_OPEN && trials >= halfOpenMax) {
            throw IonException.runtime("circuit open");
        }
        boolean trial = state == State.HALF_OPEN;
        if (trial) trials++;
        boolean[] over = {false};
        TaskInfo child = Children.start(s, fn, new Value[0], (c, v, e) -> {
            over[0] = true;
            if (trial) trials--;
            if (e == null) {
                if (state == State.HALF_OPEN) state = State.CLOSED;
                failures = 0;
                s.wake(caller, v);
                return;
            }
            if (state == State.HALF_OPEN || ++failures >= threshold && state == State.CLOSED) {
                state = State.OPEN;
                openedAt = s.loop.nowMillis();
            }
            s.wakeWithError(caller, TaskInfo.rethrow(e));
        });
        return s.park(caller, "task circuit_breaker call", () -> {
            if (over[0]) return;
            over[0] = true;
            if (trial) trials--;
            s.tasks.cancelTask(child);
        });
    }
}
