package dev.ion.engine;

import java.util.concurrent.CompletionStage;

/**
 * Observes a run as it happens, on the run's event-loop thread: what it prints, what
 * its receivers get, which select arms win, and its tasks coming and going.
 *
 * <p>The three event callbacks may return an incomplete stage to apply back-pressure:
 * the task that caused the event parks until the stage completes, so a slow consumer
 * slows the script down instead of growing a queue. Returning null (the default) or a
 * completed stage lets the task go on at once.
 */
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    default CompletionStage<?> onOutput(String text) {
        return null;
    }

    /** A {@code recv}, {@code try_recv} or {@code recv_timeout} delivered {@code value}. */
    default CompletionStage<?> onRecv(long channelId, int taskId, Value value) {
        return null;
    }

    /** A {@code select} finished with arm {@code arm} (0-based) winning with {@code value}. */
    default CompletionStage<?> onSelect(int arm, Value value) {
        return null;
    }

    default void onTaskStarted(int taskId) {
    }

    default void onTaskFinished(int taskId) {
    }
}
