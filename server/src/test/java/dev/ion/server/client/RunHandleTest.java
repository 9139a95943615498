package dev.ion.server.client;

import dev.ion.client.EventStream;
import dev.ion.client.IonClient;
import dev.ion.client.IonClientException;
import dev.ion.client.RetryPolicy;
import dev.ion.client.RunEvent;
import dev.ion.client.RunHandle;
import dev.ion.client.RunResult;
import dev.ion.protocol.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs started without waiting: their Server-Sent Events (resumed after a cut), input, cancel and result. */
class RunHandleTest extends LiveClientTest {
    static final String SQUARES = "let (tx, rx) = channel(1); async { spawn { for i in 1..=5 { tx.send(i * i) } tx.close() };"
            + " while let Some(v) = rx.recv() { print(f\"got {v}\") } }; \"done\"";

    @Test
    void eventsArriveInOrderWithEveryRecvAndEndWithTheResult() {
        RunHandle h = ion.start(SQUARES);
        List<RunEvent> events = new ArrayList<>();
        try (EventStream s = h.events()) {
            s.forEach(events::add);
        }
        assertThat(events.get(0)).isInstanceOf(RunEvent.Started.class);
        assertThat(events).extracting(RunEvent::seq).containsExactlyElementsOf(
                LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Recv).extracting(e -> ((RunEvent.Recv) e).value())
                .containsExactly("1", "4", "9", "16", "25");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Output).extracting(e -> ((RunEvent.Output) e).text())
                .containsExactly("got 1\n", "got 4\n", "got 9\n", "got 16\n", "got 25\n");
        RunEvent.Finished end = (RunEvent.Finished) events.get(events.size() - 1);
        assertThat(end.succeeded()).isTrue();
        assertThat(end.json().asText()).isEqualTo("done");
    }

    @Test
    void inputIsSentThenClosedAndTheResultWaitsForTheEnd() {
        RunHandle h = ion.start("let mut n = 0; while let Some(v) = input.recv() { n += v }; n");
        h.send(20);
        h.send(22);
        h.closeInput();
        RunResult r = h.result();
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.json().asInt()).isEqualTo(42);
        assertThatThrownBy(() -> h.send(1)).hasMessageContaining("has finished")
                .extracting(e -> ((IonClientException) e).status()).isEqualTo(409);
    }

    @Test
    void cancelEndsTheEventsWithACancelledRun() {
        RunHandle h = ion.start("loop { sleep(5) }");
        try (EventStream s = h.events()) {
            Iterator<RunEvent> it = s.iterator();
            assertThat(it.next()).isInstanceOf(RunEvent.Started.class);
            h.cancel();
            RunEvent last = null;
            while (it.hasNext()) last = it.next();
            assertThat(((RunEvent.Finished) last).status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(((RunEvent.Finished) last).error().kind()).isEqualTo("cancelled");
        }
    }

    @Test
    void aCutStreamResumesAfterTheLastEventWithNothingLostOrRepeated() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(live.server.port());
             IonClient viaProxy = IonClient.builder().baseUrl(proxy.url())
                     .retryPolicy(RetryPolicy.of(5, Duration.ofMillis(10), Duration.ofMillis(200))).build()) {
            RunHandle h = viaProxy.start("for i in 1..=3 { print(i) }; let v = input.recv(); for i in 4..=6 { print(i) }; v");
            List<RunEvent> events = new ArrayList<>();
            try (EventStream s = h.events()) {
                Iterator<RunEvent> it = s.iterator();
                while (events.size() < 4) events.add(it.next());
                assertThat(events.get(3)).isEqualTo(new RunEvent.Output(h.id(), 4, "3\n"));
                proxy.cut();
                h.send(7);
                while (it.hasNext()) events.add(it.next());
                assertThat(s.connections()).as("the stream was resumed on a new connection").isEqualTo(2);
                assertThat(proxy.sent()).contains("GET /v1/runs/" + h.id() + "/events").contains("Last-Event-ID: 4\r\n");
            }
            assertThat(events).extracting(RunEvent::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events).filteredOn(e -> e instanceof RunEvent.Output).extracting(e -> ((RunEvent.Output) e).text())
                    .containsExactly("1\n", "2\n", "3\n", "4\n", "5\n", "6\n");
            assertThat(events).filteredOn(e -> e instanceof RunEvent.Recv).hasSize(1);
            assertThat(((RunEvent.Finished) events.get(events.size() - 1)).json().asInt()).isEqualTo(7);
        }
    }

    @Test
    void eventsAfterASeqStartThere() {
        RunHandle h = ion.start(SQUARES);
        h.result();
        try (EventStream s = h.events(10)) {
            List<RunEvent> rest = new ArrayList<>();
            s.forEach(rest::add);
            assertThat(rest.get(0).seq()).isEqualTo(11);
            assertThat(rest.get(rest.size() - 1)).isInstanceOf(RunEvent.Finished.class);
        }
    }
}
