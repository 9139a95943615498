package dev.ion.server.runs;

import dev.ion.protocol.RunResponse;
import io.vertx.core.Future;

/**
 * The runs of the other nodes of a cluster, as the routes see them: a route that does not find
 * a run here asks this whether another node admitted it and, if so, forwards the request there.
 * Null when the server runs alone, so the single node takes no path through it. The cluster
 * package implements it over the clustered event bus.
 */
public interface RemoteRuns {
    /** True when {@code id} names a run admitted by another node (alive or lost). */
    boolean elsewhere(String id);

    /**
     * True when another live member publishes a free slot, so that {@link #place} is worth
     * trying; when none does, a full node queues or refuses the run itself as a single node would.
     */
    boolean roomElsewhere();

    /**
     * Places a new run ({@code requestJson}, the body of {@code POST /v1/runs}) on the member
     * with the most free slots when this node has none ({@code ref}: the WebSocket frame's, for
     * its events; null over HTTP); fails with a 503 {@code ApiError}
     * when no other member has a free slot either. Answers the run as {@code 202} shows it.
     */
    Future<RunResponse> place(Principal principal, String requestJson, String ref);

    /**
     * {@code GET /v1/runs} over every live member: the caller's runs newest first (by creation
     * instant, then id), at most {@code limit}, after the position {@code cursor} names (null:
     * from the newest); fails with a 400 {@code ApiError} for a malformed cursor.
     */
    Future<RunManager.Page> list(Principal principal, int limit, String cursor);

    /** {@code GET /v1/runs/{id}} on the owning node. */
    Future<RunResponse> snapshot(String id, Principal principal);

    /** {@code DELETE /v1/runs/{id}} on the owning node. */
    Future<RunResponse> cancel(String id, Principal principal);

    /**
     * Sends {@code valueJson} (null: nothing) into the run's input, then closes the input when
     * {@code close}; completes when the owner's input channel took the value.
     */
    Future<Void> input(String id, Principal principal, String valueJson, long bytes, boolean close);

    /**
     * Relays the run's events after {@code afterSeq} into {@code sink} at the sink's pace, with
     * the owner's {@code seq} numbers, until the run ends or the sink goes away. {@code opened}
     * runs once the owner answered the first time, before any event is delivered; the future
     * fails instead when the owner's first answer is an error (e.g. 404).
     */
    Future<Void> follow(String id, Principal principal, long afterSeq, EventSink sink, RunSession.GapNotice gap,
                        Runnable opened);
}
