package dev.ion.client.internal;

import dev.ion.client.ConnectionLostException;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads one run's events from {@code GET /v1/runs/{id}/events}, blocking. When the
 * connection breaks before the run's last event it reconnects with {@code Last-Event-ID}
 * set to the last event it returned, as the retry policy allows, so the caller sees every
 * event once: the server sends only later ones, and any it would repeat are skipped here.
 */
public final class SseReader implements AutoCloseable {
    private final Transport transport;
    private final String run;
    private long lastSeq;
    private BufferedReader reader;
    private InputStream body;
    private boolean finished;
    private volatile boolean closed;
    private int failures;
    private int connections;
    private RunEvent next;

    public SseReader(Transport transport, String run, long afterSeq) {
        this.transport = transport;
        this.run = run;
        this.lastSeq = afterSeq;
    }

    /** The {@code seq} of the last event returned (or the starting point). */
    public long lastSeq() {
        return lastSeq;
    }

    /** How many connections this reader has opened so far. */
    public int connections() {
        return connections;
    }

    public boolean hasNext() {
        if (next != null) return true;
        if (finished || closed) return false;
        next = read();
        return next != null;
    }

    public RunEvent next() {
        if (!hasNext()) throw new NoSuchElementException("the run's events have ended");
        RunEvent e = next;
        next = null;
        return e;
    }

    private RunEvent read() {
        SseParser parser = new SseParser();
        while (!closed) {
            BufferedReader r = reader;
            if (r == null) {
                connect();
                parser = new SseParser();
                r = reader;
            }
            String line;
            try {
                line = r.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                disconnect();
                if (closed) return null;
                transport.checkOpen();
                backOff(null);
                continue;
            }
            SseParser.Message m = parser.line(line);
            if (m == null) continue;
            RunEvent e = transport.json().event(m.data());
            if (e == null) continue;
            if (e.seq() > 0 && e.seq() <= lastSeq) continue;
            failures = 0;
            if (e.seq() > 0) lastSeq = e.seq();
            if (e instanceof RunEvent.Finished) {
                finished = true;
                disconnect();
            }
            return e;
        }
        return null;
    }

    private void connect() {
        while (true) {
            HttpRequest.Builder b = transport.streamRequest(Transport.runPath(run) + "/events").header("Accept", "text/event-stream");
            if (lastSeq > 0) b.header("Last-Event-ID", Long.toString(lastSeq));
            try {
                HttpResponse<InputStream> response = transport.openStream(b.GET().build());
                connections++;
                body = response.body();
                reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IonClientException("interrupted while connecting to the event stream", e);
            } catch (IonClientException e) {
                boolean retryable = e.status() == 0 || e.status() == 502 || e.status() == 503 || e.status() == 504;
                if (!retryable || transport.isClosed()) throw e;
                backOff(e);
            }
        }
    }

    private void backOff(IonClientException cause) {
        failures++;
        Duration wait = transport.retry().delayBefore(failures, null, ThreadLocalRandom.current().nextDouble());
        if (wait == null) {
            if (cause != null && connections == 0) throw cause;
            throw new ConnectionLostException("the event stream of run " + run + " broke after event " + lastSeq
                    + " and could not be resumed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IonClientException("interrupted while resuming the event stream", e);
        }
    }

    private void disconnect() {
        InputStream b = body;
        body = null;
        reader = null;
        if (b != null) transport.release(b);
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }
}
