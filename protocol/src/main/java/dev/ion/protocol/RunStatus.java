package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run is: waiting for a slot, running, or finished one of three ways. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** The wire name, made once: every run's frames, answer, metrics and log line ask for it. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
