package dev.ion.client;

/** The server wants an API key and got none or an unknown one (HTTP 401 {@code unauthorized}). */
public class AuthenticationException extends IonClientException {
    public AuthenticationException(String message, int status, String code) {
        super(message, status, code, null);
    }
}
