package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The machine-readable {@code code} of every rejection the server makes, with the HTTP
 * status it goes with. WebSocket error frames use the same codes.
 */
public enum ErrorCode {
    /** Malformed JSON, a missing or wrongly typed field, an unknown field, a bad limit. */
    BAD_REQUEST("bad_request", 400),
    /** The body or a frame is not JSON at all, or nests deeper than allowed. */
    INVALID_JSON("invalid_json", 400),
    /** The script source is longer than the server accepts. */
    SOURCE_TOO_LARGE("source_too_large", 400),
    UNAUTHORIZED("unauthorized", 401),
    /** A page from another origin tried to open the WebSocket. */
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** The run has already finished (input to a finished run). */
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** A per-API-key quota (concurrent runs or runs per minute) is exhausted. */
    RATE_LIMITED("rate_limited", 429),
    INTERNAL("internal", 500),
    /** The server's run slots and queue are full. */
    OVERLOADED("overloaded", 503),
    /** The server is draining after SIGTERM and accepts no new runs. */
    SHUTTING_DOWN("shutting_down", 503);

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
