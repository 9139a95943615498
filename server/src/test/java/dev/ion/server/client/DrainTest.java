package dev.ion.server.client;

import dev.ion.client.ConnectionLostException;
import dev.ion.client.EventStream;
import dev.ion.client.IonClient;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;
import dev.ion.client.RunHandle;
import dev.ion.client.RunStream;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.ServerUnavailableException;
import dev.ion.client.StreamListener;
import dev.ion.protocol.RunStatus;
import dev.ion.server.testing.LiveServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import static dev.ion.server.client.LiveClientTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server that drains while the client streams: new runs are refused as unavailable, open streams end cleanly. */
class DrainTest {
    @Test
    void drainingRefusesNewRunsAndEndsOpenStreamsWithoutHanging() throws Exception {
        LiveServer live = new LiveServer();
        try (IonClient ion = live.client()) {
            RunStream ws = ion.stream("input.recv()", new StreamListener() { });
            ws.started().get(60, TimeUnit.SECONDS);
            RunHandle sse = ion.start("print(\"waiting\"); input.recv()");
            EventStream events = sse.events();
            Iterator<RunEvent> it = events.iterator();
            assertThat(it.next()).isInstanceOf(RunEvent.Started.class);
            assertThat(it.next()).isEqualTo(new RunEvent.Output(sse.id(), 2, "waiting\n"));

            live.server.runs().refuseNewRuns();
            ServerUnavailableException refused = (ServerUnavailableException) IonClientTest.catchClient(() -> ion.run("1"));
            assertThat(refused.code()).isEqualTo("shutting_down");
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(ion.health().ready()).isFalse();
            assertThat(ion.health().status()).isEqualTo("draining");
            Throwable onSocket = failure(ion.stream("1", new StreamListener() { }));
            assertThat(onSocket).isInstanceOf(ServerUnavailableException.class).hasMessageContaining("shutting down");

            live.server.drainAndClose(Duration.ofMillis(1));
            Throwable end = failure(ws);
            assertThat(end).isInstanceOfAny(ScriptFailedException.class, ConnectionLostException.class);
            if (end instanceof ScriptFailedException f) assertThat(f.kind()).isEqualTo("cancelled");
            try {
                RunEvent last = null;
                while (it.hasNext()) last = it.next();
                assertThat(((RunEvent.Finished) last).status()).isEqualTo(RunStatus.CANCELLED);
            } catch (IonClientException e) {
                assertThat(e).isInstanceOfAny(ConnectionLostException.class, ServerUnavailableException.class);
            }
            events.close();
            assertThatThrownBy(() -> ion.run("1")).isInstanceOf(ServerUnavailableException.class);
        }
    }
}
