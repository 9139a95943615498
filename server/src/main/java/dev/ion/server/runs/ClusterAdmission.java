package dev.ion.server.runs;

import io.vertx.core.Future;

/**
 * Per-key quotas counted across the whole cluster instead of per node: a slot of the key's
 * concurrency quota and a token of its runs-per-minute quota are taken before a run is
 * admitted and the slot is given back when it ends. Null (not set) on a single node, whose
 * {@link RunManager} counts alone.
 */
public interface ClusterAdmission {
    /** Takes a slot and a token for {@code principal}; fails with a 429 {@code ApiError} when either is exhausted. */
    Future<Void> acquire(Principal principal);

    /** Gives back the slot taken by {@link #acquire} when the run ends. */
    void release(Principal principal);

    /** Gives back the slot and the token taken by {@link #acquire} for a run that was not admitted after all. */
    void refuse(Principal principal);
}
