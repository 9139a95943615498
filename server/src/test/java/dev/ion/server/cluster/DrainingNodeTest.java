package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A draining node publishes no free slot, so a full node does not place new runs on it (where
 * they would be refused with {@code 503 shutting_down}) but queues them itself.
 */
class DrainingNodeTest {
    @Test
    @Timeout(120)
    void aFullNodeDoesNotPlaceRunsOnADrainingNode() throws Exception {
        int pa = ClusterNodes.freePort();
        int pb = ClusterNodes.freePort();
        List<String> members = ClusterNodes.members(pa, pb);
        TestServer a = ClusterNodes.node(pa, members, cfg -> cfg.maxConcurrentRuns = 1);
        TestServer b = ClusterNodes.node(pb, members, cfg -> { });
        try {
            HttpResponse<Buffer> first = a.post("/v1/runs?wait=false", "{\"source\":\"loop { sleep(5) }\"}");
            assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
            b.server.runs().refuseNewRuns();
            String tagB = b.server.clusterTag();
            // the replicated map reaches A asynchronously: wait for B's 0 there
            assertThat(ClusterNodes.awaitEntry(ClusterNodes.memberOnPort(pa).<String, Integer>getReplicatedMap("ion.freeSlots"),
                    tagB, slots -> slots != null && slots == 0, 60)).as("B's 0 free slots seen on A").isTrue();

            HttpResponse<Buffer> second = a.post("/v1/runs?wait=false", "{\"source\":\"6 * 7\"}");
            assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(202);
            JsonObject run = second.bodyAsJsonObject();
            assertThat(run.getString("id")).startsWith("run_" + a.server.clusterTag());
            assertThat(run.getString("status")).isEqualTo("queued");
            a.delete("/v1/runs/" + first.bodyAsJsonObject().getString("id"));
            assertThat(a.awaitFinished(run.getString("id")).getString("value")).isEqualTo("42");
        } finally {
            b.close();
            a.close();
        }
    }

}
