package dev.ion.client;

import java.time.Duration;

/**
 * The server could not take the request: it refused the connection, could not be reached
 * within the connect timeout, or answered 503 ({@code overloaded}, or {@code shutting_down}
 * while it drains). Nothing was started on the server.
 */
public class ServerUnavailableException extends IonClientException {
    private final Duration retryAfter;

    public ServerUnavailableException(String message, int status, String code, Duration retryAfter, Throwable cause) {
        super(message, status, code, cause);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or null when it sent none or never answered. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
