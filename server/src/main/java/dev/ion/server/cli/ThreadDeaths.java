package dev.ion.server.cli;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a thread dying of an uncaught error (say, an engine thread running out of heap) into the failure
 * of the runs being waited on, so that the CLI reports it instead of waiting forever.
 */
final class ThreadDeaths {
    private static final Set<CompletableFuture<?>> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            boolean reported = false;
            for (CompletableFuture<?> f : WATCHED) {
                reported |= f.completeExceptionally(new CompletionException(error));
            }
            if (reported) return;
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                thread.getThreadGroup().uncaughtException(thread, error);
            }
        });
    }

    private ThreadDeaths() {
    }

    /** A future that completes like {@code f}, or fails as soon as any thread dies of an uncaught error. */
    static <T> CompletableFuture<T> watch(CompletableFuture<T> f) {
        CompletableFuture<T> w = new CompletableFuture<>();
        WATCHED.add(w);
        w.whenComplete((v, e) -> WATCHED.remove(w));
        f.whenComplete((v, e) -> {
            if (e != null) w.completeExceptionally(e);
            else w.complete(v);
        });
        return w;
    }
}
