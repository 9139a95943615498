package dev.ion.server.wire;

import dev.ion.protocol.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;

/** A rejection with its protocol code, message and extra response headers (Retry-After, RateLimit-*). */
public final class ApiError extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> headers;

    public ApiError(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiError(ErrorCode code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.headers = new LinkedHashMap<>(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
