package dev.ion.client.internal;

/**
 * The line grammar of Server-Sent Events (the WHATWG {@code text/event-stream} rules the
 * client needs): {@code field: value} lines build a message, a blank line ends it,
 * {@code :} lines are comments, several {@code data:} lines join with newlines, and a
 * message without data is dropped. Lines are fed one at a time, without their terminator.
 */
public final class SseParser {
    /** One complete message: {@code id} (null when the message had none), {@code event} (default {@code message}) and {@code data}. */
    public record Message(String id, String event, String data) {
    }

    private String id;
    private String event;
    private StringBuilder data;

    /** Feeds one line; returns the message a blank line completes, or null. */
    public Message line(String line) {
        if (line.isEmpty()) return dispatch();
        if (line.startsWith(":")) return null;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "id" -> {
                if (value.indexOf('\0') < 0) id = value;
            }
            case "event" -> event = value;
            case "data" -> {
                if (data == null) data = new StringBuilder(value);
                else data.append('\n').append(value);
            }
            default -> {
                // "retry" and unknown fields: nothing this client uses
            }
        }
        return null;
    }

    private Message dispatch() {
        Message m = data == null ? null : new Message(id, event == null || event.isEmpty() ? "message" : event, data.toString());
        id = null;
        event = null;
        data = null;
        return m;
    }
}
