package dev.ion.client;

/** The server's readiness: {@code ready}, or {@code draining} while it shuts down and takes no new runs. */
public record Health(String status) {
    public boolean ready() {
        return "ready".equals(status);
    }
}
