package dev.ion.client;

/**
 * The server refused the request itself (HTTP 400, 413 or 415: a bad limit, a source or
 * body too large, a value a script cannot hold); {@link #getMessage()} is the server's
 * message, naming what was wrong.
 */
public class BadRequestException extends IonClientException {
    public BadRequestException(String message, int status, String code) {
        super(message, status, code, null);
    }
}
