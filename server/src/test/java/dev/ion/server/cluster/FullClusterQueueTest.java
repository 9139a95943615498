package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster (of one node) with no free slot anywhere: a full node queues a new run itself, as a
 * single node does (docs/CLUSTER.md, "Placement"), instead of refusing it with a 503; and a run
 * refused after its key's cluster-wide quota token was taken gets the token back.
 */
class FullClusterQueueTest {
    @Test
    void aFullNodeOfAFullClusterQueuesTheRunItself() throws Exception {
        int port = ClusterNodes.freePort();
        TestServer alone = ClusterNodes.node(port, List.of("127.0.0.1:" + port), cfg -> cfg.maxConcurrentRuns = 1);
        try {
            String running = startRun(alone, "loop { sleep(5) }").getString("id");
            JsonObject second = startRun(alone, "6 * 7");
            assertThat(second.getString("status")).isEqualTo("queued");
            assertThat(second.getString("id")).startsWith("run_" + alone.server.clusterTag());

            TestServer.Ws ws = alone.ws();
            try {
                ws.send(new JsonObject().put("type", "run").put("ref", "third").put("source", "1 + 1"));
                JsonObject started = ws.next("started");
                assertThat(started.getString("ref")).isEqualTo("third");
                assertThat(started.getString("status")).isEqualTo("queued");
            } finally {
                ws.close();
            }

            alone.delete("/v1/runs/" + running);
            assertThat(alone.awaitFinished(second.getString("id")).getString("value")).isEqualTo("42");
        } finally {
            alone.close();
        }
    }

    @Test
    void aRunRefusedAfterAdmissionGivesItsRateTokenBack() throws Exception {
        int port = ClusterNodes.freePort();
        TestServer alone = ClusterNodes.node(port, List.of("127.0.0.1:" + port), cfg -> {
            cfg.maxConcurrentRuns = 1;
            cfg.maxQueuedRuns = 0;
            dev.ion.server.ops.ServerConfig.ApiKey k = new dev.ion.server.ops.ServerConfig.ApiKey();
            k.name = "two";
            k.key = "two-per-minute";
            k.runsPerMinute = 2;
            cfg.apiKeys.add(k);
        });
        alone.apiKey = "two-per-minute";
        try {
            String running = startRun(alone, "loop { sleep(5) }").getString("id");
            // the second token is taken, then the run is refused: the node is full and may queue none
            HttpResponse<Buffer> refused = alone.post("/v1/runs?wait=false", "{\"source\":\"1\"}");
            assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
            alone.delete("/v1/runs/" + running);
            alone.awaitFinished(running);
            // that token is back: a third run within the minute is admitted
            assertThat(alone.awaitFinished(startRun(alone, "3").getString("id")).getString("value")).isEqualTo("3");
        } finally {
            alone.close();
        }
    }

    private static JsonObject startRun(TestServer t, String source) {
        HttpResponse<Buffer> r = t.post("/v1/runs?wait=false", new JsonObject().put("source", source).encode());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        return r.bodyAsJsonObject();
    }
}
