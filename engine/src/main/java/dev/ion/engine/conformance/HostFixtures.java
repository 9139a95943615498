package dev.ion.engine.conformance;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The host functions the shared conformance suite expects: {@code host_delay} and {@code host_fail}. */
public final class HostFixtures {
    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ion-host-fixtures");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMERS.setRemoveOnCancelPolicy(true);
    }

    private HostFixtures() {
    }

    public static void install(Engine engine) {
        engine.registerAsyncFn("host_delay", args -> {
            CompletableFuture<Value> f = new CompletableFuture<>();
            ScheduledFuture<?> timer = TIMERS.schedule(() -> f.complete(args.get(1)), args.get(0).asLong(),
                    TimeUnit.MILLISECONDS);
            f.whenComplete((v, e) -> timer.cancel(false));
            return f;
        });
        engine.registerAsyncFn("host_fail", args -> {
            CompletableFuture<Value> f = new CompletableFuture<>();
            String message = args.get(1).asString();
            ScheduledFuture<?> timer = TIMERS.schedule(() -> f.completeExceptionally(IonException.runtime(message)),
                    args.get(0).asLong(), TimeUnit.MILLISECONDS);
            f.whenComplete((v, e) -> timer.cancel(false));
            return f;
        });
    }
}
