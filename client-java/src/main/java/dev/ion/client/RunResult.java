package dev.ion.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;

import java.util.Map;

/**
 * A run as the server reports it: its id and status, the script's value as repr text
 * ({@code value}) and as JSON ({@code json}, null when it has no JSON form; a JSON
 * {@code null} for {@code ()} and {@code None}), everything it printed, what it spent, and
 * the error when it failed or was cancelled. {@code value}, {@code json} and {@code stats}
 * are null until the run has finished.
 */
public record RunResult(String id, RunStatus status, String value, JsonNode json, String output, RunStats stats,
                        RunError error, Map<String, Long> limits) {

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }

    public boolean finished() {
        return status != null && status.finished();
    }

    /** This result when the run succeeded; otherwise a {@link ScriptFailedException} carrying it. */
    public RunResult orThrow() {
        if (!succeeded()) throw new ScriptFailedException(this);
        return this;
    }
}
