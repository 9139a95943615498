package dev.ion.client;

/**
 * What a {@link IonClient#stream} run tells its caller, in the run's order: one
 * {@code onStarted}, then {@code onOutput}, {@code onRecv} and {@code onSelect} as they
 * happen, then exactly one of {@code onResult} (the run succeeded) or {@code onError} (it
 * failed or was cancelled — a {@link ScriptFailedException} — or was refused, or its
 * socket broke). Callbacks run one at a time on the client's thread for the socket; while
 * one runs, the socket is not read, so a slow listener slows the server's runs on that
 * socket (back-pressure) instead of piling events up in memory. Every method has an empty
 * default.
 */
public interface StreamListener {
    default void onStarted(RunEvent.Started event) {
    }

    default void onOutput(RunEvent.Output event) {
    }

    default void onRecv(RunEvent.Recv event) {
    }

    default void onSelect(RunEvent.Select event) {
    }

    /** The run succeeded; {@code result.output()} holds everything it printed. */
    default void onResult(RunResult result) {
    }

    /** The run ended without success, or never started; nothing follows. */
    default void onError(IonClientException error) {
    }

    /** A {@link RunStream#send} was refused (the run finished, its input is closed, or its queued input is full). */
    default void onSendRefused(IonClientException error) {
    }
}
