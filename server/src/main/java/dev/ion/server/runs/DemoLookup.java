package dev.ion.server.runs;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The host async function every run gets (SERVER.md, "Host functions"), so that scripts — the playground's
 * examples first — can show retry, parallel helpers and circuit breakers against a real host call:
 * {@code demo_lookup(key)}, a simulated remote lookup. It answers {@code key} in upper case after a short
 * timer (5 to 20 ms, fixed per key), fails twice per run before answering for a key starting with
 * {@code flaky}, and always fails for a key starting with {@code missing}. It touches nothing outside the run:
 * no thread waits, the timer never blocks the event loop, and cancelling the calling task cancels the timer.
 */
public final class DemoLookup {
    public static final String NAME = "demo_lookup";
    static final int MAX_KEY_CHARS = 100;
    /** Failures a {@code flaky…} key gives before it answers. */
    static final int FLAKY_FAILURES = 2;
    /** Keys whose calls a run remembers, so a script cannot grow the map without bound. */
    static final int MAX_TRACKED_KEYS = 1_000;

    /** Runs an action after a delay on the run's loop (or any thread that blocks nothing); returns its cancel. */
    @FunctionalInterface
    public interface Timer {
        Runnable schedule(long delayMs, Runnable action);
    }

    private final Timer timer;
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    private DemoLookup(Timer timer) {
        this.timer = timer;
    }

    /** Registers {@code demo_lookup} on {@code engine} (one run), its timers made by {@code timer}. */
    public static Engine install(Engine engine, Timer timer) {
        DemoLookup lookup = new DemoLookup(timer);
        return engine.registerAsyncFn(NAME, lookup::call);
    }

    /** A timer on the JDK's shared delayer, for the command line, whose runs have no Vert.x loop. */
    public static Timer jdkTimer() {
        return (ms, action) -> {
            CompletableFuture<Void> f = CompletableFuture.runAsync(action,
                    CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
            return () -> f.cancel(false);
        };
    }

    private CompletionStage<Value> call(List<Value> args) {
        if (args.size() != 1) {
            throw IonException.type(NAME + "() takes 1 argument (" + args.size() + " given)");
        }
        String key = args.get(0).typeName().equals("string") ? args.get(0).toString() : null;
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS) {
            throw IonException.type(NAME + "() expected a key string of 1 to " + MAX_KEY_CHARS + " characters, got "
                    + (key == null ? args.get(0).typeName() : key.length() + " characters"));
        }
        IonException failure = failure(key);
        CompletableFuture<Value> result = new CompletableFuture<>();
        Runnable cancel = timer.schedule(delayMs(key), () -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(Value.of(key.toUpperCase(Locale.ROOT)));
        });
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) cancel.run();
        });
        return result;
    }

    /** The error this call ends with, or null when it answers. */
    private IonException failure(String key) {
        if (key.startsWith("missing")) return IonException.runtime(NAME + ": no such key '" + key + "'");
        if (!key.startsWith("flaky")) return null;
        if (!calls.containsKey(key) && calls.size() >= MAX_TRACKED_KEYS) return null;
        int n = calls.merge(key, 1, Integer::sum);
        return n <= FLAKY_FAILURES ? IonException.runtime(NAME + ": '" + key + "' timed out (call " + n + ")") : null;
    }

    /** 5 to 20 ms, the same for a key every time. */
    static long delayMs(String key) {
        return 5 + Math.floorMod(key.hashCode(), 16);
    }
}
