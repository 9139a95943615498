package dev.ion.server.client;

import dev.ion.client.BadRequestException;
import dev.ion.client.ConnectionLostException;
import dev.ion.client.IonClient;
import dev.ion.client.IonClientException;
import dev.ion.client.RateLimitedException;
import dev.ion.client.RetryPolicy;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.client.RunStream;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.StreamListener;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.RunStatus;
import dev.ion.server.testing.LiveServer;
import org.junit.jupiter.api.Test;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs streamed over the client's one WebSocket: ordered events, input, cancel, many at once, a slow listener, a cut socket. */
class StreamTest extends LiveClientTest {
    /** Records every callback, in order, as text. */
    static final class Recorder implements StreamListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStarted(RunEvent.Started e) {
            seqs.add(e.seq());
            seen.add("started");
        }

        @Override
        public void onOutput(RunEvent.Output e) {
            seqs.add(e.seq());
            seen.add("output " + e.text().strip());
        }

        @Override
        public void onRecv(RunEvent.Recv e) {
            seqs.add(e.seq());
            seen.add("recv " + e.value());
        }

        @Override
        public void onSelect(RunEvent.Select e) {
            seqs.add(e.seq());
            seen.add("select " + e.arm());
        }

        @Override
        public void onResult(RunResult r) {
            seen.add("result " + r.value());
        }

        @Override
        public void onError(IonClientException e) {
            seen.add("error " + e.getMessage());
        }
    }

    static RunResult await(RunStream s) throws Exception {
        return s.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void recvAndOutputEventsArriveInTheRunsOrder() throws Exception {
        Recorder rec = new Recorder();
        RunStream s = ion.stream(RunHandleTest.SQUARES, rec);
        RunResult r = await(s);
        assertThat(r.value()).isEqualTo("\"done\"");
        assertThat(r.output()).isEqualTo("got 1\ngot 4\ngot 9\ngot 16\ngot 25\n");
        assertThat(s.id()).isEqualTo(r.id());
        assertThat(rec.seen.get(0)).isEqualTo("started");
        assertThat(rec.seen).filteredOn(x -> x.startsWith("recv")).containsExactly("recv 1", "recv 4", "recv 9",
                "recv 16", "recv 25");
        assertThat(rec.seen.get(rec.seen.size() - 1)).isEqualTo("result \"done\"");
        assertThat(rec.seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, rec.seqs.size())
                .boxed().toList());
    }

    @Test
    void selectOutcomesAreReported() throws Exception {
        Recorder rec = new Recorder();
        await(ion.stream("let (tx, rx) = channel(1); tx.send(5); select { v = rx.recv() => v, _ = sleep(1000) => 0 }",
                rec));
        assertThat(rec.seen).contains("select 0");
    }

    @Test
    void inputSentBeforeTheRunStartedIsHeldAndDeliveredInOrder() throws Exception {
        Recorder rec = new Recorder();
        RunStream s = ion.stream("let mut xs = []; while let Some(v) = input.recv() { xs = xs.push(v) }; xs", rec);
        s.send(1);
        s.send("two");
        s.send(Map.of("three", 3));
        s.closeInput();
        RunResult r = await(s);
        assertThat(r.value()).isEqualTo("[1, \"two\", #{\"three\": 3}]");
        assertThat(rec.seen).filteredOn(x -> x.startsWith("recv")).containsExactly("recv 1", "recv \"two\"",
                "recv #{\"three\": 3}");
    }

    @Test
    void errorsAndCancelEndTheStreamWithAScriptFailure() throws Exception {
        ScriptFailedException compile = (ScriptFailedException) failure(ion.stream("let x = ;", new Recorder()));
        assertThat(compile.compileError()).isTrue();
        assertThat(compile.line()).isEqualTo(1);
        ScriptFailedException runtime = (ScriptFailedException) failure(ion.stream("print(1); undefined_name", new Recorder()));
        assertThat(runtime.kind()).isEqualTo("name");
        assertThat(runtime.result().output()).isEqualTo("1\n");
        Recorder rec = new Recorder();
        RunStream s = ion.stream("loop { sleep(5) }", rec);
        s.cancel();
        ScriptFailedException cancelled = (ScriptFailedException) failure(s);
        assertThat(cancelled.kind()).isEqualTo("cancelled");
        assertThat(cancelled.result().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(rec.seen.get(rec.seen.size() - 1)).startsWith("error ");
    }

    @Test
    void aRefusedRunFailsOnlyItsOwnStream() throws Exception {
        Throwable bad = failure(ion.stream(new RunRequest("1", Map.of("bogus", 1L), null), new Recorder()));
        assertThat(bad).isInstanceOf(BadRequestException.class).hasMessageContaining("unknown limit 'bogus'");
        assertThat(await(ion.stream("2", new Recorder())).value()).isEqualTo("2");
    }

    @Test
    void manyConcurrentStreamsShareOneSocket() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(live.server.port());
             IonClient c = IonClient.builder().baseUrl(proxy.url()).retryPolicy(RetryPolicy.none()).build()) {
            List<RunStream> streams = new ArrayList<>();
            for (int i = 0; i < 60; i++) streams.add(c.stream("sleep(5); print(" + i + "); " + i + " * 10", new Recorder()));
            for (int i = 0; i < streams.size(); i++) {
                RunResult r = await(streams.get(i));
                assertThat(r.json().asInt()).isEqualTo(i * 10);
                assertThat(r.output()).isEqualTo(i + "\n");
            }
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void aSlowListenerParksTheRunOnTheServerInsteadOfBufferingHere() throws Exception {
        try (IonClient c = live.client()) {
            ParkedRun run = ParkedRun.start(c, live);
            assertThat(c.get(run.stream.id()).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(live.released).as("nothing drains while the listener is busy").isEmpty();
            run.release();
            assertThat(LiveServer.next(live.released, "released")).isSameAs(run.session);
            run.stream.cancel();
            assertThat(((ScriptFailedException) failure(run.stream)).kind()).isEqualTo("cancelled");
        }
    }

    @Test
    void aCutSocketFailsEveryOpenStreamAndTheNextStreamOpensAnother() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(live.server.port());
             IonClient c = IonClient.builder().baseUrl(proxy.url()).retryPolicy(RetryPolicy.none())
                     .webSocketPingInterval(Duration.ofMillis(100)).build()) {
            RunStream a = c.stream("input.recv()", new Recorder());
            RunStream b = c.stream("input.recv()", new Recorder());
            a.started().get(60, TimeUnit.SECONDS);
            b.started().get(60, TimeUnit.SECONDS);
            proxy.cut();
            assertThat(failure(a)).isInstanceOf(ConnectionLostException.class);
            assertThat(failure(b)).isInstanceOf(ConnectionLostException.class);
            assertThat(await(c.stream("3", new Recorder())).value()).isEqualTo("3");
            assertThat(proxy.connections()).isEqualTo(2);
        }
    }

    @Test
    void aClosedClientIsNotKeptAliveByItsNextPing() throws Exception {
        IonClient c = IonClient.builder().baseUrl(live.url()).webSocketPingInterval(Duration.ofHours(1)).build();
        assertThat(await(c.stream("1", new Recorder())).value()).isEqualTo("1");
        c.close();
        ReferenceQueue<IonClient> collected = new ReferenceQueue<>();
        WeakReference<IonClient> ref = new WeakReference<>(c, collected);
        c = null;
        for (int i = 0; i < 50 && collected.remove(100) == null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("the client, its HttpClient and its selector thread are collectable after close")
                .isNull();
    }

    @Test
    void aQuotaRefusalOnTheSocketIsRateLimited() throws Exception {
        try (LiveServer quota = new LiveServer(cfg -> cfg.quota.maxConcurrentRuns = 1); IonClient c = quota.client()) {
            RunStream busy = c.stream("input.recv()", new Recorder());
            busy.started().get(60, TimeUnit.SECONDS);
            Throwable refused = failure(c.stream("1", new Recorder()));
            assertThat(refused).isInstanceOf(RateLimitedException.class);
            assertThat(((RateLimitedException) refused).status()).isEqualTo(429);
            busy.closeInput();
            assertThat(await(busy).value()).isEqualTo("None");
        }
    }

    @Test
    void aListenerThatThrowsEndsItsStreamAndCancelsTheRun() throws Exception {
        RunStream s = ion.stream("print(1); input.recv()", new StreamListener() {
            @Override
            public void onOutput(RunEvent.Output e) {
                throw new IllegalStateException("boom");
            }
        });
        assertThat(failure(s)).isInstanceOf(IonClientException.class).hasMessage("the stream listener failed: boom");
        assertThat(ion.handle(s.id()).result().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void aStreamEndsOnceWhenItsListenerFailsWhileTheClientCloses() throws Exception {
        IonClient c = live.client();
        CountDownLatch inOnError = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        RunStream s = c.stream("print(1); input.recv()", new StreamListener() {
            @Override
            public void onOutput(RunEvent.Output e) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onError(IonClientException e) {
                errors.add(e.getMessage());
                if (errors.size() > 1) return;
                inOnError.countDown();
                try {
                    closed.await(); // the client closes while this stream is ending
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(inOnError.await(60, TimeUnit.SECONDS)).isTrue();
        c.close();
        closed.countDown();
        assertThat(failure(s)).hasMessage("the stream listener failed: boom");
        assertThat(errors).containsExactly("the stream listener failed: boom");
    }
}
