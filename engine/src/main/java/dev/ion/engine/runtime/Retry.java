package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.vm.Task;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code task::retry(f, opts)}: calls {@code f()} as a child task until it succeeds or {@code attempts} calls
 * failed, sleeping between calls with exponential backoff ({@code initial_backoff_ms}, multiplied by
 * {@code factor}, at most {@code max_backoff_ms}); with {@code jitter} each pause is drawn from the run's seeded
 * random source in {@code [pause / 2, pause)}. The last attempt's error is raised at the caller.
 */
final class Retry {
    /** Fuel each attempt costs on top of what {@code f} runs: starting a task and its timer is work too. */
    static final long ATTEMPT_FUEL = 16;
    static final List<String> KEYS = List.of("attempts", "initial_backoff_ms", "max_backoff_ms", "factor", "jitter");

    private final Scheduler s;
    private final Task caller;
    private final Value fn;
    private final long attempts;
    private final long maxBackoff;
    private final double factor;
    private final boolean jitter;
    private final RandomGenerator random;
    private double backoff;
    private long attempt;
    private TaskInfo child;
    private Cancellable timer;
    private boolean over;

    private Retry(Task caller, Value fn, TaskOptions o) {
        this.s = Children.scheduler(caller);
        this.caller = caller;
        this.fn = fn;
        this.attempts = o.integer("attempts", 3, 1);
        this.backoff = o.integer("initial_backoff_ms", 100, 0);
        this.maxBackoff = o.integer("max_backoff_ms", 10_000, 0);
        this.factor = o.number("factor", 2.0, 1.0);
        this.jitter = o.bool("jitter", false);
        this.random = caller.random();
    }

    static Value run(Task caller, Value fn, TaskOptions o) {
        Retry r = new Retry(caller, fn, o);
        r.next();
        return r.s.park(caller, "task::retry", r::cancel);
    }

    private void next() {
        caller.run.spendFuel(ATTEMPT_FUEL);
        attempt++;
        child = Children.start(s, fn, new Value[0], this::ended);
    }

    private void ended(TaskInfo c, Value v, IonException e) {
        if (over) return;
        child = null;
        if (e == null) {
            over = true;
            s.wake(caller, v);
            return;
        }
        if (attempt >= attempts) {
            over = true;
            s.wakeWithError(caller, TaskInfo.rethrow(e));
            return;
        }
        long pause = (long) Math.min(backoff, maxBackoff);
        if (jitter && pause > 0) pause = pause / 2 + (long) (random.nextDouble() * (pause - pause / 2));
        backoff = Math.min(backoff * factor, maxBackoff);
        timer = s.timers.timer(pause, () -> {
            timer = null;
            try {
                next();
            } catch (IonException limit) {
                over = true;
                s.wakeWithError(caller, limit);
            }
        });
    }

    private void cancel() {
        over = true;
        if (timer != null) timer.cancel();
        if (child != null) s.tasks.cancelTask(child);
    }
}
