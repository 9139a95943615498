package dev.ion.engine;

import java.util.Locale;

/** The category of an Ion error, as named by LANGUAGE.md §7. */
public enum ErrorKind {
    LEX, PARSE, TYPE, NAME, RUNTIME, LIMIT, CANCELLED;

    /** The lower-case name used in messages and conformance files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Errors a {@code try/catch} may intercept; limits and cancellation pass through. */
    public boolean catchable() {
        return this != LIMIT && this != CANCELLED;
    }

    public boolean isCompileTime() {
        return this == LEX || this == PARSE;
    }
}
