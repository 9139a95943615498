package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When no member of the cluster has a free slot, a full node queues a new run itself, as a
 * single node does (docs/CLUSTER.md, "Placement"), instead of refusing it with a 503.
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

    private static JsonObject startRun(TestServer t, String source) {
        HttpResponse<Buffer> r = t.post("/v1/runs?wait=false", new JsonObject().put("source", source).encode());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        return r.bodyAsJsonObject();
    }
}
