package dev.ion.engine;

/**
 * Observes a run as it happens, on the run's event-loop thread: what it prints, what
 * its receivers get, which select arms win, and its tasks coming and going.
 */
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    default void onOutput(String text) {
    }

    /** A {@code recv}, {@code try_recv} or {@code recv_timeout} delivered {@code value}. */
    default void onRecv(long channelId, int taskId, Value value) {
    }

    /** A {@code select} finished with arm {@code arm} (0-based) winning with {@code value}. */
    default void onSelect(int arm, Value value) {
    }

    default void onTaskStarted(int taskId) {
    }

    default void onTaskFinished(int taskId) {
    }
}
