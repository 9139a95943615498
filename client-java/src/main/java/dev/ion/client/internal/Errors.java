package dev.ion.client.internal;

import dev.ion.client.AuthenticationException;
import dev.ion.client.BadRequestException;
import dev.ion.client.ConnectionLostException;
import dev.ion.client.IonClientException;
import dev.ion.client.RateLimitedException;
import dev.ion.client.ServerUnavailableException;
import dev.ion.protocol.ErrorBody;
import dev.ion.protocol.ErrorCode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Turns what went wrong — an HTTP refusal, a WebSocket refusal frame, an I/O failure — into the typed exception callers catch. */
public final class Errors {
    private Errors() {
    }

    /** The exception for an HTTP answer with a status of 400 or more. */
    public static IonClientException fromHttp(int status, String body, String retryAfter, Json json) {
        ErrorBody.Detail d = json.errorDetail(body);
        String code = d == null ? null : d.code();
        String message = d != null && d.message() != null ? d.message() : "the server answered HTTP " + status;
        return of(status, code, message, parseRetryAfter(retryAfter));
    }

    /** The exception for a WebSocket {@code error} frame without {@code status} (a refused frame). */
    public static IonClientException fromFrame(String code, String message) {
        int status = 0;
        for (ErrorCode c : ErrorCode.values()) {
            if (c.wire().equals(code)) status = c.httpStatus();
        }
        return of(status, code, message == null ? "refused: " + code : message, null);
    }

    private static IonClientException of(int status, String code, String message, Duration retryAfter) {
        return switch (status) {
            case 401 -> new AuthenticationException(message, status, code);
            case 429 -> new RateLimitedException(message, status, code, retryAfter);
            case 503 -> new ServerUnavailableException(message, status, code, retryAfter, null);
            case 400, 413, 415 -> new BadRequestException(message, status, code);
            default -> new IonClientException(message, status, code, null);
        };
    }

    /** True for a failure where the request never reached the server (so sending it again does nothing twice). */
    public static boolean notConnected(Throwable t) {
        return t instanceof ConnectException || t instanceof HttpConnectTimeoutException;
    }

    /** The exception for an I/O failure talking to {@code server}. */
    public static IonClientException fromIo(Throwable t, String server) {
        if (t instanceof IonClientException e) return e;
        if (t instanceof HttpConnectTimeoutException) {
            return new ServerUnavailableException("cannot connect to " + server + ": timed out", 0, null, null, t);
        }
        if (t instanceof ConnectException) {
            return new ServerUnavailableException("cannot connect to " + server + ": connection refused", 0, null, null, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new IonClientException("no answer from " + server + " within the request timeout", t);
        }
        if (t instanceof IOException) {
            return new ConnectionLostException("the connection to " + server + " failed: " + reason(t), t);
        }
        return new IonClientException("the request to " + server + " failed: " + reason(t), t);
    }

    /** What went wrong in words, without the name of a Java class: the message, or "closed" when there is none. */
    public static String reason(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "closed" : m;
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ex) {
                return null;
            }
        }
    }
}
