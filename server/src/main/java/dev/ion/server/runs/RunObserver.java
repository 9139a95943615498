package dev.ion.server.runs;

/**
 * Hears about runs starting, parking behind a full reader, going on and ending, so that
 * code (the tests, above all) can await those moments as events instead of polling. Called on the run's context; an observer
 * that throws is logged and skipped, it never stops a run from ending.
 */
public interface RunObserver {
    /** The run got a slot and its engine was started. */
    default void started(RunSession session) {
    }

    /** A reader's full write queue parked the run's emitting task (back-pressure began). */
    default void parked(RunSession session) {
    }

    /** The readers drained (or went away) and the parked task goes on. */
    default void released(RunSession session) {
    }

    /** The run ended (once per run): its slot is free and its result is final. */
    default void ended(RunSession session) {
    }

    /** The server began to drain (once): it refuses new runs from now on. */
    default void draining() {
    }
}
