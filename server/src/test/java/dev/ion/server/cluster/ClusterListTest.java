package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import dev.ion.server.ops.ServerConfig;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/runs} in a cluster of three (one cluster for the class): the key's runs
 * started on A, B and C are listed from any node, the same ids newest first, never another
 * key's; pages cut by the cursor walk every run exactly once, whichever nodes serve them; a
 * member that does not answer makes the list a 503 naming it.
 */
class ClusterListTest {
    static final String KEY = "lister-key";
    static final String OTHER_KEY = "other-key";
    static TestServer a;
    static TestServer b;
    static TestServer c;
    static TestServer[] nodes;
    static List<String> members;
    static int silentPort;
    static final List<String> mine = new ArrayList<>();
    static final List<String> theirs = new ArrayList<>();
    static String running;

    @BeforeAll
    static void start() throws InterruptedException {
        int pa = ClusterNodes.freePort();
        int pb = ClusterNodes.freePort();
        int pc = ClusterNodes.freePort();
        silentPort = ClusterNodes.freePort();
        members = ClusterNodes.members(pa, pb, pc, silentPort);
        Consumer<ServerConfig> keys = cfg -> {
            cfg.apiKeys.add(key("lister", KEY));
            cfg.apiKeys.add(key("other", OTHER_KEY));
        };
        a = ClusterNodes.node(pa, members, keys);
        b = ClusterNodes.node(pb, members, keys);
        c = ClusterNodes.node(pc, members, keys);
        nodes = new TestServer[]{a, b, c};
        // the directory of node tags is a replicated map: each node must have heard of the others
        for (int port : new int[]{pa, pb, pc}) {
            ReplicatedMap<String, String> tags = ClusterNodes.memberOnPort(port).getReplicatedMap("ion.nodeTags");
            for (TestServer t : nodes) awaitKey(tags, t.server.clusterTag());
        }
        for (int i = 0; i < 9; i++) {
            TestServer t = nodes[i % 3];
            t.apiKey = KEY;
            String id = t.run(Integer.toString(i)).getString("id");
            assertThat(id).startsWith("run_" + t.server.clusterTag());
            mine.add(id);
            if (i % 3 == 1) {
                t.apiKey = OTHER_KEY;
                theirs.add(t.run("0").getString("id"));
                t.apiKey = KEY;
            }
        }
        HttpResponse<Buffer> r = c.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        running = r.bodyAsJsonObject().getString("id");
        mine.add(running);
    }

    private static ServerConfig.ApiKey key(String name, String secret) {
        ServerConfig.ApiKey k = new ServerConfig.ApiKey();
        k.name = name;
        k.key = secret;
        return k;
    }

    private static void awaitKey(ReplicatedMap<String, String> map, String key) throws InterruptedException {
        assertThat(ClusterNodes.awaitEntry(map, key, Objects::nonNull, 30)).as("node tag %s in the directory", key).isTrue();
    }

    @AfterAll
    static void stop() {
        for (TestServer t : new TestServer[]{c, b, a}) {
            if (t != null) t.close();
        }
    }

    @Test
    void everyNodeListsTheKeysRunsOfAllNodesNewestFirst() {
        List<String> first = null;
        for (TestServer t : nodes) {
            HttpResponse<Buffer> r = t.get("/v1/runs");
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("next")).isNull();
            JsonArray runs = body.getJsonArray("runs");
            List<String> ids = ids(runs);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(mine).doesNotContainAnyElementsOf(theirs);
            assertThat(ids).isEqualTo(newestFirst(runs));
            // the run started last was created last (same clock for the three nodes here)
            assertThat(ids.get(0)).isEqualTo(running);
            assertThat(ids.get(ids.size() - 1)).isEqualTo(mine.get(0));
            JsonObject live = runs.getJsonObject(0);
            assertThat(live.getString("status")).isEqualTo("running");
            assertThat(live.containsKey("finished")).isFalse();
            assertThat(runs.getJsonObject(1).getString("status")).isEqualTo("succeeded");
            assertThat(runs.getJsonObject(1).getString("finished")).isNotBlank();
            if (first == null) first = ids;
            else assertThat(ids).isEqualTo(first);
        }
        // the other key sees its own runs only, from any node
        c.apiKey = OTHER_KEY;
        try {
            assertThat(ids(c.get("/v1/runs").bodyAsJsonObject().getJsonArray("runs")))
                    .containsExactlyInAnyOrderElementsOf(theirs);
        } finally {
            c.apiKey = KEY;
        }
    }

    @Test
    void pagesWalkEveryRunExactlyOnce() {
        List<String> all = ids(b.get("/v1/runs").bodyAsJsonObject().getJsonArray("runs"));
        assertThat(walk(new TestServer[]{b}, 2)).isEqualTo(all);
        // behind a load balancer each page may come from another node
        assertThat(walk(nodes, 3)).isEqualTo(all);
        assertThat(walk(nodes, 1)).isEqualTo(all);
        assertThat(walk(nodes, all.size())).isEqualTo(all);
    }

    @Test
    void aListAsksEachOtherMemberOnceAndCountsIt() {
        double before = metric(b.get("/metrics").bodyAsString(), "ion_runs_forwarded_total{op=\"list\"");
        assertThat(b.get("/v1/runs?limit=2").statusCode()).isEqualTo(200);
        double after = metric(b.get("/metrics").bodyAsString(), "ion_runs_forwarded_total{op=\"list\"");
        assertThat(after - before).isEqualTo(2.0);
    }

    @Test
    void aMalformedCursorOrLimitIsABadRequest() {
        for (String cursor : new String[]{"zz", "17", "17.", ".run_abc", "17.run_ABC", "x.run_abc"}) {
            HttpResponse<Buffer> r = a.get("/v1/runs?cursor=" + cursor);
            assertThat(r.statusCode()).as(cursor).isEqualTo(400);
            JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
            assertThat(e.getString("code")).isEqualTo("bad_request");
            assertThat(e.getString("message")).contains("cursor").contains("'" + cursor + "'");
        }
        for (String limit : new String[]{"0", "501", "many"}) {
            HttpResponse<Buffer> r = a.get("/v1/runs?limit=" + limit);
            assertThat(r.statusCode()).as(limit).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("limit");
        }
    }

    /**
     * A fourth member that takes list requests and never answers: B's list waits the forward
     * timeout and answers 503 naming it. A tag of that member with no consumer anywhere (as
     * while a node starts or closes) is left out, and the list answers from the others. (Not
     * the same tag after unregistering its consumer: the cluster learns of that only later.)
     */
    @Test
    @Timeout(120)
    void aMemberThatDoesNotAnswerMakesA503NamingItAndOneThatTakesNoRequestsIsLeftOut() throws InterruptedException {
        ServerConfig.Cluster cfg = new ServerConfig.Cluster();
        cfg.enabled = true;
        cfg.host = "127.0.0.1";
        cfg.port = silentPort;
        cfg.busPort = 0;
        cfg.members = members;
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastConfigs.of(cfg));
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1").setPort(0);
        Vertx silent = TestServer.await(Vertx.builder().with(options).withClusterManager(manager).buildClustered());
        String tag = "qu1et5";
        String idle = "1d1e00";
        ReplicatedMap<String, String> tags = manager.getHazelcastInstance().getReplicatedMap("ion.nodeTags");
        ReplicatedMap<String, String> tagsOnB = ClusterNodes.memberOnPort(b.server.config().cluster.port)
                .getReplicatedMap("ion.nodeTags");
        try {
            MessageConsumer<JsonObject> mute = silent.eventBus().consumer(OwnerEndpoint.address(tag), m -> { });
            TestServer.await(mute.completion());
            tags.put(tag, manager.getNodeId());
            awaitKey(tagsOnB, tag);

            HttpResponse<Buffer> r = b.get("/v1/runs");
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
            assertThat(r.getHeader("Retry-After")).isEqualTo("1");
            JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
            assertThat(e.getString("code")).isEqualTo("overloaded");
            assertThat(e.getString("message")).contains("node " + tag).contains(manager.getNodeId());

            tags.remove(tag);
            ClusterNodes.awaitEntry(tagsOnB, tag, Objects::isNull, 30);
            tags.put(idle, manager.getNodeId());
            awaitKey(tagsOnB, idle);
            HttpResponse<Buffer> without = b.get("/v1/runs");
            assertThat(without.statusCode()).as(without.bodyAsString()).isEqualTo(200);
            assertThat(ids(without.bodyAsJsonObject().getJsonArray("runs"))).containsExactlyInAnyOrderElementsOf(mine);
        } finally {
            // the tags go first, so that no list of the other tests asks the member while it leaves
            tags.remove(tag);
            tags.remove(idle);
            for (TestServer t : nodes) {
                ReplicatedMap<String, String> known = ClusterNodes.memberOnPort(t.server.config().cluster.port)
                        .getReplicatedMap("ion.nodeTags");
                ClusterNodes.awaitEntry(known, tag, Objects::isNull, 30);
                ClusterNodes.awaitEntry(known, idle, Objects::isNull, 30);
            }
            TestServer.await(silent.close());
        }
    }

    /** Every id of the pages of {@code limit}, each page asked of the next of {@code from} in turn. */
    private static List<String> walk(TestServer[] from, int limit) {
        List<String> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int page = 0; ; page++) {
            TestServer t = from[page % from.length];
            HttpResponse<Buffer> r = t.get("/v1/runs?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            List<String> ids = ids(body.getJsonArray("runs"));
            assertThat(ids).hasSizeBetween(1, limit);
            seen.addAll(ids);
            cursor = body.getString("next");
            if (cursor == null) return seen;
            assertThat(ids).hasSize(limit);
            assertThat(cursors.add(cursor)).as("cursor %s repeated", cursor).isTrue();
            assertThat(page).as("pages").isLessThan(mine.size());
        }
    }

    /** {@code runs} sorted by creation instant, then id, both descending: the cluster's list order. */
    private static List<String> newestFirst(JsonArray runs) {
        List<JsonObject> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) rows.add(runs.getJsonObject(i));
        rows.sort(Comparator.comparing((JsonObject o) -> Instant.parse(o.getString("created")))
                .thenComparing(o -> o.getString("id")).reversed());
        List<String> ids = new ArrayList<>();
        for (JsonObject o : rows) ids.add(o.getString("id"));
        return ids;
    }

    private static List<String> ids(JsonArray runs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) ids.add(runs.getJsonObject(i).getString("id"));
        return ids;
    }

    private static double metric(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
