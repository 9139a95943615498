package dev.ion.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CPU-bound scripts share their event loop with the network instead of starving it. */
class FairnessTest {
    static TestServer busyServer() {
        return new TestServer(cfg -> {
            cfg.instances = 1;
            cfg.ceilings.put("deadline_ms", 600_000L);
            cfg.ceilings.put("fuel", Long.MAX_VALUE / 4);
        });
    }

    static String startLoop(TestServer t) {
        return start(t, "loop {}");
    }

    /** A busy loop the second tier leaves to the interpreter: it calls a function. */
    static String startInterpretedLoop(TestServer t) {
        return start(t, "fn spin() {} loop { spin() }");
    }

    private static String start(TestServer t, String source) {
        var r = t.post("/v1/runs?wait=false",
                "{\"source\":\"" + source + "\",\"limits\":{\"deadline_ms\":600000,\"fuel\":" + (Long.MAX_VALUE / 4) + "}}");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        return r.bodyAsJsonObject().getString("id");
    }

    @Test
    void aTrivialRunCompletesWhileTwentyLoopsRunOnTheSameEventLoop() throws Exception {
        try (TestServer t = busyServer()) {
            List<String> loops = new ArrayList<>();
            for (int i = 0; i < 20; i++) loops.add(startLoop(t));
            for (int i = 0; i < 5; i++) {
                JsonObject r = t.run("1");
                assertThat(r.getString("status")).isEqualTo("succeeded");
            }
            for (String id : loops) {
                assertThat(t.get("/v1/runs/" + id).bodyAsJsonObject().getString("status")).isEqualTo("running");
                t.delete("/v1/runs/" + id);
            }
        }
    }

    /**
     * A busy run gets one turn (the engine's quantum, 10,000 instructions) per pass of its event
     * loop, and every pass looks at the network: so between two requests on the same loop it
     * burns the turns that fit in the client's own turnaround (a handful), not the turns that
     * fit in Netty's task budget (a second's worth, tens of thousands). The bound, 100 turns,
     * is a count of work, the same on a fast machine and on a slow one — at the interpreter's pace: a loop
     * compiled by the second tier runs its turns several times faster, so more of them fit in the same
     * turnaround (it yields at the same quantum; the test above runs twenty such loops).
     */
    @Test
    void aBusyRunGetsAFewTurnsBetweenTwoRequestsNotASecondOfThem() throws Exception {
        try (TestServer t = busyServer()) {
            String id = startInterpretedLoop(t);
            List<Long> deltas = new ArrayList<>();
            long previous = fuel(t, id);
            for (int i = 0; i < 21; i++) {
                long now = fuel(t, id);
                deltas.add(now - previous);
                previous = now;
            }
            Collections.sort(deltas);
            long median = deltas.get(deltas.size() / 2);
            assertThat(deltas.get(deltas.size() - 1)).as("the run makes progress").isPositive();
            assertThat(median).as("fuel burnt between two requests, sorted: %s", deltas).isLessThanOrEqualTo(100 * 10_000L);
            t.delete("/v1/runs/" + id);
        }
    }

    private static long fuel(TestServer t, String id) {
        return t.get("/v1/runs/" + id).bodyAsJsonObject().getJsonObject("stats").getLong("fuel");
    }
}
