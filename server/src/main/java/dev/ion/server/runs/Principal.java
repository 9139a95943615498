package dev.ion.server.runs;

import dev.ion.engine.Limits;

/**
 * Who submits runs: an API key (by its name) or {@code anonymous} when the server has no
 * keys. Carries the key's quotas (0 = unlimited) and limit ceilings.
 */
public record Principal(String name, int maxConcurrentRuns, int runsPerMinute, Limits ceilings) {
    public static final String ANONYMOUS = "anonymous";
}
