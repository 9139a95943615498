package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A run as {@code POST /v1/runs} and {@code GET /v1/runs/{id}} report it. {@code value}
 * is the repr of the script's value and {@code json} the same value as JSON when JSON can
 * represent it; {@code error} is set when the run failed or was cancelled; {@code limits}
 * are the effective ones (an unlimited limit is left out); {@code clamped} names each
 * requested limit that was lowered to the key's ceiling, as {@code {"requested": n,
 * "allowed": m}} (absent when none was).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResponse(String id, RunStatus status, String value, JsonNode json, String output,
                          RunError error, RunStats stats, Map<String, Long> limits,
                          Map<String, Map<String, Long>> clamped) {
}
