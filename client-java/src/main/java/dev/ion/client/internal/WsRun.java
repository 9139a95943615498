package dev.ion.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.client.RunStream;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.StreamListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One run on a {@link WsSocket}: hands its frames to the caller's listener in order, holds
 * commands made before the server named the run, and completes once, with the result or
 * the failure.
 */
public final class WsRun implements RunStream {
    private final String ref;
    private final StreamListener listener;
    private final WsSocket socket;
    private final Json json;
    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();
    private final List<Held> held = new ArrayList<>();
    private volatile String id;
    private Map<String, Long> limits = Map.of();
    private boolean ended;
    private boolean flushing;

    WsRun(String ref, StreamListener listener, WsSocket socket, Json json) {
        this.ref = ref;
        this.listener = listener;
        this.socket = socket;
        this.json = json;
    }

    String ref() {
        return ref;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletableFuture<String> started() {
        return started;
    }

    @Override
    public CompletableFuture<RunResult> result() {
        return result;
    }

    /** A command made before the server named the run; {@code size} bytes of the socket's bound are reserved for it. */
    private record Held(Function<String, String> frame, long size) {
    }

    /** Room for the value is taken from the socket's bound at once, so a refusal is thrown here and nothing is queued. */
    @Override
    public void send(Object value) {
        JsonNode v = json.scriptValue(value);
        command(run -> json.runCommand("send", run, v), SendBound.utf8Length(v.toString()));
    }

    @Override
    public void closeInput() {
        command(run -> json.runCommand("close-input", run, null), -1);
    }

    @Override
    public void cancel() {
        command(run -> json.runCommand("cancel", run, null), -1);
    }

    /**
     * Sends a command ({@code size} is an input value's, -1 for a control frame), or holds it
     * while the run has no id yet or the held commands are still going out, so that all go
     * out in the order they were made.
     */
    private void command(Function<String, String> frame, long size) {
        String run;
        synchronized (this) {
            if (ended) return;
            if (size >= 0) socket.reserve(size);
            run = id;
            if (run == null || flushing) {
                held.add(new Held(frame, size));
                return;
            }
        }
        write(new Held(frame, size), run);
    }

    private void write(Held c, String run) {
        if (c.size() < 0) socket.send(c.frame().apply(run));
        else socket.sendReserved(c.frame().apply(run), c.size());
    }

    /** The server started the run: name it, send what was held (and what is held meanwhile), tell the listener. */
    void started(RunEvent.Started e) {
        synchronized (this) {
            id = e.run();
            limits = e.limits();
            flushing = true;
        }
        while (true) {
            List<Held> commands;
            synchronized (this) {
                if (held.isEmpty()) {
                    flushing = false;
                    break;
                }
                commands = new ArrayList<>(held);
                held.clear();
            }
            for (Held c : commands) write(c, e.run());
        }
        started.complete(e.run());
        call(() -> listener.onStarted(e));
    }

    /** One event of the run, in order. */
    void deliver(RunEvent e) {
        if (done()) return;
        if (e instanceof RunEvent.Output o) {
            output.append(o.text());
            call(() -> listener.onOutput(o));
        } else if (e instanceof RunEvent.Recv r) {
            call(() -> listener.onRecv(r));
        } else if (e instanceof RunEvent.Select s) {
            call(() -> listener.onSelect(s));
        } else if (e instanceof RunEvent.Finished f) {
            RunResult r = new RunResult(f.run(), f.status(), f.value(), f.json(), output.toString(), f.stats(), f.error(),
                    limits);
            if (f.succeeded()) {
                if (!claimEnd()) return;
                call(() -> listener.onResult(r));
                result.complete(r);
            } else {
                fail(new ScriptFailedException(r));
            }
        }
    }

    void sendRefused(IonClientException e) {
        if (!done()) call(() -> listener.onSendRefused(e));
    }

    /** Ends the run's stream with {@code e} (refused, socket gone, client closed); once only. */
    void fail(IonClientException e) {
        if (!claimEnd()) return;
        started.completeExceptionally(e);
        try {
            listener.onError(e);
        } catch (RuntimeException ignored) {
            // the stream is over either way
        }
        result.completeExceptionally(e);
    }

    /** Claims the stream's one ending (onResult or onError); false when another caller has. */
    private synchronized boolean claimEnd() {
        if (ended) return false;
        ended = true;
        for (Held c : held) {
            if (c.size() >= 0) socket.unreserve(c.size());
        }
        held.clear();
        return true;
    }

    synchronized boolean done() {
        return ended;
    }

    /** Runs a listener callback; one that throws cancels the run and ends its stream with that failure. */
    private void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException t) {
            String run = id;
            if (run != null) socket.send(json.runCommand("cancel", run, null));
            fail(new IonClientException("the stream listener failed: " + Errors.reason(t), t));
        }
    }
}
