package dev.ion.server.cluster;

import dev.ion.server.http.TestServer;
import dev.ion.server.ops.ServerConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner of a run dies abruptly (its Hazelcast member is terminated, as by kill -9, without
 * leaving): the reader following the run on another node gets a final {@code failed} event of
 * kind {@code node_lost}, GET on the survivor says the same, the quota slot its run held
 * is free again, the lost node no longer advertises free slots, and the survivor's list of
 * runs leaves the lost node out instead of failing.
 */
class NodeLossTest {
    @Test
    void aFollowerOfARunOnALostNodeGetsNodeLost() throws Exception {
        int pa = ClusterNodes.freePort();
        int pb = ClusterNodes.freePort();
        List<String> members = ClusterNodes.members(pa, pb);
        Consumer<ServerConfig> oneRunKey = cfg -> {
            ServerConfig.ApiKey k = new ServerConfig.ApiKey();
            k.key = SseReader.KEY;
            k.name = "one";
            k.maxConcurrentRuns = 1;
            cfg.apiKeys.add(k);
        };
        TestServer b = ClusterNodes.node(pb, members, oneRunKey);
        TestServer a = ClusterNodes.node(pa, members, oneRunKey);
        a.apiKey = SseReader.KEY;
        b.apiKey = SseReader.KEY;
        try {
            HttpResponse<Buffer> started = a.post("/v1/runs?wait=false", "{\"source\":\"print(1); loop { sleep(5) }\"}");
            String id = started.bodyAsJsonObject().getString("id");
            // the key's one slot is held by the run on A, for the whole cluster
            assertThat(b.post("/v1/runs?wait=false", "{\"source\":\"1\"}").statusCode()).isEqualTo(429);
            try (SseReader onB = new SseReader(b.port(), "/v1/runs/" + id + "/events", null)) {
                onB.next("started");
                SseReader.Record out = onB.next("output");
                ClusterNodes.memberOnPort(pa).getLifecycleService().terminate();
                SseReader.Record lost = onB.next("error");
                assertThat(lost.id()).isEqualTo(out.id() + 1);
                JsonObject frame = new JsonObject(lost.data());
                assertThat(frame.getString("status")).isEqualTo("failed");
                assertThat(frame.getJsonObject("error").getString("kind")).isEqualTo("node_lost");
                assertThat(frame.getJsonObject("error").getString("message"))
                        .contains("node " + a.server.clusterTag()).contains("left the cluster");
                assertThat(onB.next().type()).isEqualTo("eof");
            }
            // the lost node's slot was given back, and its free-slot count dropped, before its readers were told
            assertThat(ClusterNodes.memberOnPort(pb).getReplicatedMap("ion.freeSlots").containsKey(a.server.clusterTag())).isFalse();
            HttpResponse<Buffer> onB = b.post("/v1/runs", "{\"source\":\"1\"}");
            assertThat(onB.statusCode()).isEqualTo(200);
            // the list answers from the members still there: the lost node's runs are gone with it
            HttpResponse<Buffer> list = b.get("/v1/runs");
            assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
            assertThat(list.bodyAsJsonObject().getJsonArray("runs").stream().map(r -> ((JsonObject) r).getString("id")))
                    .containsExactly(onB.bodyAsJsonObject().getString("id"));
            JsonObject viaB = b.get("/v1/runs/" + id).bodyAsJsonObject();
            assertThat(viaB.getString("status")).isEqualTo("failed");
            assertThat(viaB.getJsonObject("error").getString("kind")).isEqualTo("node_lost");
            try (SseReader late = new SseReader(b.port(), "/v1/runs/" + id + "/events", null)) {
                late.next("status");
                assertThat(new JsonObject(late.next("error").data()).getJsonObject("error").getString("kind"))
                        .isEqualTo("node_lost");
            }
        } finally {
            a.close();
            b.close();
        }
    }
}
