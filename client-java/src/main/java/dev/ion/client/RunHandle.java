package dev.ion.client;

import dev.ion.client.internal.SseReader;
import dev.ion.client.internal.Transport;

import java.net.http.HttpRequest;

/**
 * A run started with {@link IonClient#start} ({@code POST /v1/runs?wait=false}): follow its
 * events, feed its {@code input} receiver, close that input, cancel it or wait for its
 * result, all over plain HTTP. Thread-safe; every method is one request (or one stream).
 */
public final class RunHandle {
    private final Transport transport;
    private final IonClient client;
    private final String id;

    RunHandle(Transport transport, IonClient client, String id) {
        this.transport = transport;
        this.client = client;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** All the run's events from the first; see {@link EventStream}. */
    public EventStream events() {
        return events(0);
    }

    /** The run's events after {@code afterSeq} (as {@code Last-Event-ID} does). */
    public EventStream events(long afterSeq) {
        return new EventStream(new SseReader(transport, id, afterSeq));
    }

    /**
     * Puts {@code value} (a {@code JsonNode} or anything Jackson can write as JSON) into the
     * run's {@code input} receiver; returns once the receiver took it (it waits while the
     * receiver is full). Refused with {@code conflict} when the run has finished or its
     * input is closed.
     */
    public void send(Object value) {
        String body = transport.json().encode(transport.json().scriptValue(value));
        HttpRequest r = transport.request(Transport.runPath(id) + "/input").header("Content-Type", "application/json")
                .POST(Transport.body(body)).build();
        Transport.await(transport.send(r, Transport.Safety.ONCE));
    }

    /** Closes the run's {@code input}: once the values sent are read, {@code input.recv()} returns None. */
    public void closeInput() {
        HttpRequest r = transport.request(Transport.runPath(id) + "/input?close=true").POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Transport.await(transport.send(r, Transport.Safety.ONCE));
    }

    /** Cancels the run (no effect once it has finished) and returns it as it is then. */
    public RunResult cancel() {
        return client.cancel(id);
    }

    /** The run as it is now (still running, or finished). */
    public RunResult snapshot() {
        return client.get(id);
    }

    /** Waits for the run to finish (following its events) and returns it, output included. */
    public RunResult result() {
        try (EventStream events = events()) {
            for (RunEvent ignored : events) {
                // read to the end: the iteration stops after the run's last event
            }
        }
        return client.get(id);
    }
}
