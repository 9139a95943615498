package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.EventLoop;

import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The engine's own event loop for {@code eval}, {@code evalAsync}, the CLI and tests:
 * a FIFO of runnables plus timers, driven by whichever thread calls {@link #runUntil}.
 */
public final class SingleThreadLoop implements EventLoop {
    private record Timer(long due, long seq, Runnable action) {
    }

    private final LinkedBlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
    private final TreeSet<Timer> timers = new TreeSet<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long seq;
    private final long origin = System.nanoTime();

    @Override
    public void execute(Runnable r) {
        ready.add(r);
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable r) {
        long delay = Math.max(0, Math.min(delayMs, Long.MAX_VALUE / 4));
        long due = nowMillis() + delay;
        if (due < 0) due = Long.MAX_VALUE / 2;
        Timer t;
        synchronized (timers) {
            t = new Timer(due, seq++, r);
            timers.add(t);
        }
        ready.add(() -> { });
        return () -> {
            synchronized (timers) {
                timers.remove(t);
            }
        };
    }

    @Override
    public long nowMillis() {
        return (System.nanoTime() - origin) / 1_000_000;
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pendingTimers() {
        synchronized (timers) {
            return timers.size();
        }
    }

    /** Runs tasks and due timers on the calling thread until {@code done} holds. */
    public void runUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            fireDueTimers();
            Runnable r = ready.poll();
            if (r != null) {
                r.run();
                continue;
            }
            long wait;
            synchronized (timers) {
                Timer next = timers.isEmpty() ? null : timers.first();
                // re-check the exit condition at least every 50 ms even with only far timers pending
                wait = next == null ? 50 : Math.min(50, Math.max(0, next.due - nowMillis()));
            }
            if (wait == 0) continue;
            try {
                Runnable w = ready.poll(wait, TimeUnit.MILLISECONDS);
                if (w != null) w.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fireDueTimers() {
        long now = nowMillis();
        while (true) {
            Timer t;
            synchronized (timers) {
                t = timers.isEmpty() ? null : timers.first();
                if (t == null || t.due > now) return;
                timers.pollFirst();
            }
            t.action.run();
        }
    }
}
