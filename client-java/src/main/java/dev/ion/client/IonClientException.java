package dev.ion.client;

/**
 * Every failure the client reports: the root of a small typed hierarchy (in the style of
 * Stripe's clients) so that callers catch what they can act on — a refused key, a quota, an
 * unavailable server, a bad request, a failed script — and treat the rest alike.
 * {@link #status()} is the HTTP status when there was one (0 otherwise) and {@link #code()}
 * the protocol's error code ({@code rate_limited}, {@code not_found}, …) when the server
 * gave one.
 */
public class IonClientException extends RuntimeException {
    private final int status;
    private final String code;

    public IonClientException(String message) {
        this(message, 0, null, null);
    }

    public IonClientException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    public IonClientException(String message, int status, String code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the answer that failed, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The protocol's error code ({@code bad_request}, {@code not_found}, …), or null. */
    public String code() {
        return code;
    }
}
