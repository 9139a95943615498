package dev.ion.engine.runtime;

import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.Atom;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.vm.TaskNative;

/**
 * The value of {@code task::interval(ms)}: {@code tick()} parks until the next multiple of {@code ms} since the
 * ticker was made. Ticks missed while the script was busy are skipped, never queued up.
 */
final class Ticker extends Value implements Atom, MethodHolder {
    private final Scheduler s;
    private final long period;
    private final long start;
    private long lastTick;

    Ticker(Scheduler s, long period) {
        this.s = s;
        this.period = period;
        this.start = s.loop.nowMillis();
    }

    @Override
    public String typeName() {
        return "interval";
    }

    @Override
    public String text() {
        return "<interval " + period + " ms>";
    }

    @Override
    public NativeFn method(String name) {
        if (!name.equals("tick")) return null;
        return TaskNative.of((task, args) -> {
            Arity.check("tick", args.length - 1, 0, 0);
            long elapsed = s.loop.nowMillis() - start;
            long tick = Math.max(lastTick + 1, elapsed / period + 1);
            lastTick = tick;
            long wait = tick > Long.MAX_VALUE / 4 / period ? Long.MAX_VALUE / 4 : tick * period - elapsed;
            return s.timers.sleep(task, Math.max(1, wait));
        });
    }
}
