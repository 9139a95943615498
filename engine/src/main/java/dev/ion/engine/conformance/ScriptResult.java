package dev.ion.engine.conformance;

import java.util.List;

/** The outcome of checking one conformance script: pass, or the list of mismatches. */
public record ScriptResult(String name, List<String> failures, long millis) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
