package dev.ion.engine.value;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;

import java.util.random.RandomGenerator;

/**
 * What a native function may ask of the task that calls it. Implemented by the VM;
 * everything here is resumable, so natives never recurse into the interpreter.
 */
public interface CallContext {
    /** Returned by a native that has asked for a callback or a park. */
    Value SUSPEND = Signal.SUSPEND;

    /**
     * Asks the VM to call {@code fn(args…)} and then {@code then.resume(cx, result)}.
     * The native must return the value of this call immediately.
     */
    Value call(Value fn, Value[] args, Continuation then);

    /** Charges {@code units} of fuel for work proportional to its size. */
    void charge(long units);

    /** Reports {@code bytes} newly allocated by the run (memory accounting). */
    void allocate(long bytes);

    /** Writes text to the run's output (counted against {@code max_output_bytes}). */
    void print(String text);

    /** Sends a record to the embedder's log handler. */
    void log(String level, String message);

    /** The run's log threshold ({@code log::level()}); contexts outside a run keep every record. */
    default String logLevel() {
        return "trace";
    }

    /** Sets the run's log threshold ({@code log::set_level}); the name is already validated. */
    default void setLogLevel(String level) {
    }

    RandomGenerator random();

    Limits limits();

}
