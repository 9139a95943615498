package dev.ion.engine;

import dev.ion.engine.runtime.SingleThreadLoop;

import java.util.concurrent.ExecutionException;

/**
 * Runs a script to its end under a memory limit alone (unlimited fuel, a minute's deadline), for the tests
 * that read what a finished run reports: its peak memory and the fuel it used.
 */
public final class MemoryLimitedRun {
    private MemoryLimitedRun() {
    }

    /** The finished run of {@code source} under {@code maxMemoryBytes}; throws the run's error if it failed. */
    public static Run runToEnd(String source, long maxMemoryBytes) throws InterruptedException {
        SingleThreadLoop loop = new SingleThreadLoop();
        Limits limits = Limits.builder().fuel(Limits.UNLIMITED).deadlineMs(60_000).maxMemoryBytes(maxMemoryBytes).build();
        Run run = new Engine().setLimits(limits).setOutputHandler(t -> { }).start(source, loop, RunListener.NONE);
        loop.runUntil(run.result()::isDone);
        try {
            run.result().get();
        } catch (ExecutionException e) {
            throw (IonException) e.getCause();
        }
        return run;
    }
}
