package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters dashboards and alerts are built on: streamed events, admission capacity, heap pressure. */
class ServerMetricsTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(cfg -> {
            cfg.maxConcurrentRuns = 7;
            cfg.maxQueuedRuns = 11;
        });
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static double streamed(String transport, String type) {
        var c = t.server.metrics().registry().find("ion.events.streamed")
                .tag("transport", transport).tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void eventsWrittenToAWebSocketAreCountedByType() throws Exception {
        double outputs = streamed("websocket", "output");
        double results = streamed("websocket", "result");
        TestServer.Ws ws = t.ws();
        try {
            ws.send(new JsonObject().put("type", "run").put("ref", "m").put("source", "for i in 0..3 { print(i) }; 1"));
            ws.untilEnd();
        } finally {
            ws.close();
        }
        assertThat(streamed("websocket", "output") - outputs).isEqualTo(3);
        assertThat(streamed("websocket", "result") - results).isEqualTo(1);
        assertThat(t.get("/metrics").bodyAsString())
                .contains("ion_events_streamed_total{transport=\"websocket\",type=\"output\"}");
    }

    @Test
    void anSseReplayIsCountedAsSse() {
        double started = streamed("sse", "started");
        double outputs = streamed("sse", "output");
        JsonObject run = t.run("print(1); print(2); 3");
        String body = t.get("/v1/runs/" + run.getString("id") + "/events").bodyAsString();
        assertThat(body).contains("event: result");
        assertThat(streamed("sse", "started") - started).isEqualTo(1);
        assertThat(streamed("sse", "output") - outputs).isEqualTo(2);
    }

    @Test
    void admissionCapacitiesAreGaugesOfTheConfiguredBounds() {
        String metrics = t.get("/metrics").bodyAsString();
        assertThat(metrics).contains("ion_runs_active_capacity 7.0", "ion_runs_queued_capacity 11.0");
    }

    @Test
    void heapPressureAndGcOverheadAreExported() {
        assertThat(t.get("/metrics").bodyAsString()).contains("jvm_gc_overhead", "jvm_memory_used_bytes",
                "jvm_memory_max_bytes", "jvm_gc_memory_allocated_bytes_total");
    }
}
