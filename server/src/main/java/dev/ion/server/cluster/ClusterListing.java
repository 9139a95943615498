package dev.ion.server.cluster;

import dev.ion.protocol.ErrorCode;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.RunManager.Listed;
import dev.ion.server.runs.RunManager.Page;
import dev.ion.server.runs.RunManager.Position;
import dev.ion.server.runs.RunManager.Row;
import dev.ion.server.wire.ApiError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/runs} in cluster mode. A key's runs live on the nodes that admitted them, so
 * the node asked takes up to {@code limit + 1} of them after the cursor's position from its own
 * {@link RunManager} and, in parallel, from every other live member (op {@code list} on its
 * {@link OwnerEndpoint}), merges them in {@link Position} order and keeps {@code limit}; when
 * any is left over anywhere, the position of the last one kept is the next cursor. A node's run
 * numbers mean nothing to the others, so the cursor is {@code <created millis>.<run id>}.
 */
final class ClusterListing {
    /** The forwarded operation, as counted in {@code ion_runs_forwarded_total}. */
    static final String OP = "list";
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,18})\\.(run_[0-9a-z]{1,64})");

    private final Vertx vertx;
    private final ForwardingRuns forwarding;
    private final NodeDirectory directory;
    private final RunManager runs;

    ClusterListing(Vertx vertx, ForwardingRuns forwarding, NodeDirectory directory, RunManager runs) {
        this.vertx = vertx;
        this.forwarding = forwarding;
        this.directory = directory;
        this.runs = runs;
    }

    /** The page of {@code principal}'s runs after {@code cursor} over every live member. */
    Future<Page> list(Principal principal, int limit, String cursor) {
        Position after;
        try {
            after = parse(cursor);
        } catch (ApiError e) {
            return Future.failedFuture(e);
        }
        int want = limit + 1;
        List<Future<List<Row>>> parts = new ArrayList<>();
        parts.add(Future.succeededFuture(runs.listAfter(principal.name(), after, want)));
        JsonObject question = new JsonObject().put("op", OP).put("key", principal.name()).put("max", want);
        if (after != null) question.put("millis", after.millis()).put("id", after.id());
        for (String tag : directory.otherLiveTags()) parts.add(ask(tag, question));
        return Future.all(parts).map(all -> {
            List<Row> rows = new ArrayList<>();
            for (Future<List<Row>> f : parts) rows.addAll(f.result());
            return page(rows, limit);
        });
    }

    /** The first {@code limit} of {@code rows} in list order, and the cursor after them when more are left. */
    static Page page(List<Row> rows, int limit) {
        rows.sort(Comparator.comparing(Row::position));
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) out.add(rows.get(i).listed());
        return new Page(out, rows.size() > limit ? cursor(rows.get(limit - 1).position()) : null);
    }

    static String cursor(Position p) {
        return p.millis() + "." + p.id();
    }

    /** The position {@code cursor} names; null for none (from the newest); a 400 when malformed. */
    static Position parse(String cursor) {
        if (cursor == null || cursor.isBlank()) return null;
        Matcher m = CURSOR.matcher(cursor.trim());
        if (!m.matches()) throw RunManager.badCursor(cursor);
        return new Position(Long.parseLong(m.group(1)), m.group(2));
    }

    /**
     * One member's rows. A member that leaves before it answers (or that takes no requests: it
     * is starting or closing) has no run anyone can reach, so it adds none rather than failing
     * the list; one that is still a member but does not answer in time makes it a 503.
     */
    private Future<List<Row>> ask(String tag, JsonObject question) {
        Context context = vertx.getOrCreateContext();
        Promise<List<Row>> answer = Promise.promise();
        String nodeId = directory.nodeOf(tag);
        Consumer<String> lost = id -> {
            if (id.equals(nodeId)) context.runOnContext(v -> answer.tryComplete(List.of()));
        };
        directory.onLost(lost);
        forwarding.<JsonObject>request(tag, question, ForwardingRuns.TIMEOUT_MS, OP).onComplete(ar -> {
            if (ar.succeeded()) {
                answer.tryComplete(rows(ar.result()));
                return;
            }
            ApiError owner = BusErrors.of(ar.cause());
            if (owner != null) {
                answer.tryFail(owner);
            } else if (directory.lost(tag) || ar.cause() instanceof ReplyException r
                    && r.failureType() == ReplyFailure.NO_HANDLERS) {
                answer.tryComplete(List.of());
            } else {
                answer.tryFail(new ApiError(ErrorCode.OVERLOADED, "node " + tag + " (" + nodeId + ") did not answer the"
                        + " list of runs in time; try again", Map.of("Retry-After", "1")));
            }
        });
        if (directory.lost(tag)) answer.tryComplete(List.of());
        return answer.future().andThen(x -> directory.removeOnLost(lost));
    }

    /** The owner's side of op {@code list}: the key's rows after the asker's position, at most {@code max}. */
    static JsonObject answer(RunManager runs, JsonObject question) {
        String key = question.getString("key");
        if (key == null) throw new ApiError(ErrorCode.BAD_REQUEST, "a list of runs names no key");
        int max = Math.max(1, Math.min(1_000, question.getInteger("max", 1)));
        Position after = question.containsKey("id") ? new Position(question.getLong("millis"), question.getString("id")) : null;
        JsonArray out = new JsonArray();
        for (Row r : runs.listAfter(key, after, max)) {
            Listed l = r.listed();
            out.add(new JsonArray().add(r.position().millis()).add(l.id()).add(l.status()).add(l.created()).add(l.finished()));
        }
        return new JsonObject().put("runs", out);
    }

    private static List<Row> rows(JsonObject answer) {
        JsonArray in = answer.getJsonArray("runs");
        List<Row> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            JsonArray r = in.getJsonArray(i);
            out.add(new Row(new Position(r.getLong(0), r.getString(1)),
                    new Listed(r.getString(1), r.getString(2), r.getString(3), r.getString(4))));
        }
        return out;
    }
}
