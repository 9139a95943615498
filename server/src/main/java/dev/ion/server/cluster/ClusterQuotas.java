package dev.ion.server.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.ion.protocol.ErrorCode;
import dev.ion.server.runs.ClusterAdmission;
import dev.ion.server.runs.Principal;
import dev.ion.server.wire.ApiError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-key quotas over the whole cluster, in two Hazelcast maps changed only by entry
 * processors (atomic per key, no locks, no CP subsystem): {@code ion.quota.slots} holds each
 * key's runs in flight per node tag, {@code ion.quota.rate} each key's token bucket. Slots are
 * kept per node so that the slots of a node that dies are given back ({@link #nodeLost}).
 */
final class ClusterQuotas implements ClusterAdmission {
    private final Vertx vertx;
    private final String tag;
    private final IMap<String, HashMap<String, Integer>> slots;
    private final IMap<String, long[]> rate;

    ClusterQuotas(Vertx vertx, HazelcastInstance hazelcast, String tag) {
        this.vertx = vertx;
        this.tag = tag;
        this.slots = hazelcast.getMap("ion.quota.slots");
        this.rate = hazelcast.getMap("ion.quota.rate");
    }

    @Override
    public Future<Void> acquire(Principal p) {
        Context context = vertx.getOrCreateContext();
        Future<Boolean> slot = p.maxConcurrentRuns() <= 0 ? Future.succeededFuture(true)
                : Future.fromCompletionStage(slots.submitToKey(p.name(), new TakeSlot(tag, p.maxConcurrentRuns())), context);
        return slot.compose(took -> {
            if (!took) {
                return Future.failedFuture(new ApiError(ErrorCode.RATE_LIMITED, "API key '" + p.name() + "' already has "
                        + p.maxConcurrentRuns() + " runs in flight in the cluster (quota " + p.maxConcurrentRuns() + ")",
                        Map.of("Retry-After", "1")));
            }
            if (p.runsPerMinute() <= 0) return Future.succeededFuture();
            return Future.fromCompletionStage(rate.submitToKey(p.name(), new TakeToken(p.runsPerMinute())), context)
                    .onFailure(e -> release(p)) // the map failed: the slot just taken is not kept either
                    .compose(waitMs -> {
                        if (waitMs < 0) return Future.<Void>succeededFuture();
                        release(p);
                        String seconds = Long.toString(Math.max(1, (waitMs + 999) / 1000));
                        return Future.failedFuture(new ApiError(ErrorCode.RATE_LIMITED, "API key '" + p.name()
                                + "' may start " + p.runsPerMinute() + " runs per minute",
                                Map.of("RateLimit-Limit", Integer.toString(p.runsPerMinute()), "RateLimit-Remaining", "0",
                                        "RateLimit-Reset", seconds, "Retry-After", seconds)));
                    });
        });
    }

    @Override
    public void release(Principal p) {
        if (p.maxConcurrentRuns() > 0) slots.submitToKey(p.name(), new GiveSlot(tag));
    }

    @Override
    public void refuse(Principal p) {
        release(p);
        if (p.runsPerMinute() > 0) rate.submitToKey(p.name(), new GiveToken(p.runsPerMinute()));
    }

    /** Gives back every slot the node {@code lostTag} held (blocking: call off the event loop). */
    void nodeLost(String lostTag) {
        slots.executeOnEntries(new DropNode(lostTag));
    }

    /** Takes a slot on node {@code tag} if the key's slots over all nodes are fewer than {@code limit}. */
    record TakeSlot(String tag, int limit) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            int total = held.values().stream().mapToInt(Integer::intValue).sum();
            if (total >= limit) return false;
            held.merge(tag, 1, Integer::sum);
            entry.setValue(held);
            return true;
        }
    }

    record GiveSlot(String tag) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue();
            if (held == null) return false;
            held.computeIfPresent(tag, (k, n) -> n <= 1 ? null : n - 1);
            entry.setValue(held.isEmpty() ? null : held);
            return true;
        }
    }

    record DropNode(String tag) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue();
            if (held == null || held.remove(tag) == null) return false;
            entry.setValue(held.isEmpty() ? null : held);
            return true;
        }
    }

    /** Puts back the token {@link TakeToken} took (the bucket never holds more than it is full with). */
    record GiveToken(int perMinute) implements EntryProcessor<String, long[], Boolean> {
        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long[] b = entry.getValue();
            if (b == null) return false;
            entry.setValue(new long[]{Math.min(perMinute * 1000L, b[0] + 1000), b[1]});
            return true;
        }
    }

    /**
     * A token bucket of {@code perMinute} tokens refilled evenly over a minute, in thousandths
     * of a token: {@code [milliTokens, lastRefillMillis]}. Answers -1 when a token was taken,
     * else the milliseconds until the next one. The clock is the partition owner's.
     */
    record TakeToken(int perMinute) implements EntryProcessor<String, long[], Long> {
        @Override
        public Long process(Map.Entry<String, long[]> entry) {
            long now = System.currentTimeMillis();
            long full = perMinute * 1000L;
            long[] b = entry.getValue();
            long tokens = full;
            long last = now;
            if (b != null) {
                long added = Math.max(0, now - b[1]) * perMinute / 60;
                tokens = b[0] + added;
                // only the time turned into tokens is used up, so frequent calls do not lose fractions
                last = b[1] + added * 60 / perMinute;
                if (tokens >= full) {
                    tokens = full;
                    last = now;
                }
            }
            if (tokens >= 1000) {
                entry.setValue(new long[]{tokens - 1000, last});
                return -1L;
            }
            entry.setValue(new long[]{tokens, last});
            return (1000 - tokens) * 60 / perMinute;
        }
    }
}
