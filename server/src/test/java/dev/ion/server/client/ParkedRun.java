package dev.ion.server.client;

import dev.ion.client.IonClient;
import dev.ion.client.RunEvent;
import dev.ion.client.RunStream;
import dev.ion.client.StreamListener;
import dev.ion.protocol.RunRequest;
import dev.ion.server.runs.RunSession;
import dev.ion.server.testing.LiveServer;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streamed run held back by its client: the listener blocks in its first {@code onRecv}
 * until {@link #release()}, the server's write queue to the socket fills, and the server
 * parks the run. The tests of slow listeners and of the client's send queue start from here.
 */
final class ParkedRun {
    /** Receives 2,000-character strings forever: an endless stream of recv events. */
    private static final String SCRIPT = "let (tx, rx) = channel(8); let s = \"x\".repeat(2000);"
            + " async { spawn { loop { tx.send(s) } }; loop { rx.recv() } }";

    final RunStream stream;
    /** The server's session of the run, as the server parked it. */
    final RunSession session;
    private final CountDownLatch release;

    private ParkedRun(RunStream stream, RunSession session, CountDownLatch release) {
        this.stream = stream;
        this.session = session;
        this.release = release;
    }

    /** Streams the run through {@code client} and returns once {@code live} has parked it. */
    static ParkedRun start(IonClient client, LiveServer live) throws InterruptedException {
        live.parked.clear();
        live.released.clear();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRecv = new CountDownLatch(1);
        RunStream s = client.stream(new RunRequest(SCRIPT, Map.of("deadline_ms", 60_000L), null), new StreamListener() {
            @Override
            public void onRecv(RunEvent.Recv e) {
                firstRecv.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(firstRecv.await(60, TimeUnit.SECONDS)).isTrue();
        RunSession parked = LiveServer.next(live.parked, "parked");
        assertThat(parked.id()).isEqualTo(s.id());
        return new ParkedRun(s, parked, release);
    }

    /** Lets the listener return, so that the client reads the socket again. */
    void release() {
        release.countDown();
    }
}
