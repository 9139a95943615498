package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run is: waiting for a slot, running, or finished one of three ways. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
