package dev.ion.client;

/**
 * The connection carrying a run's events broke before the run's last event: the WebSocket
 * closed or failed, or an event stream could not be resumed. The run itself may go on (a
 * WebSocket's own runs are cancelled by the server when it closes).
 */
public class ConnectionLostException extends IonClientException {
    public ConnectionLostException(String message, Throwable cause) {
        super(message, 0, null, cause);
    }
}
