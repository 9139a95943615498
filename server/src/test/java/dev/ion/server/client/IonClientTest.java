package dev.ion.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.ion.client.AuthenticationException;
import dev.ion.client.BadRequestException;
import dev.ion.client.EventStream;
import dev.ion.client.IonClient;
import dev.ion.client.IonClientException;
import dev.ion.client.RateLimitedException;
import dev.ion.client.RetryPolicy;
import dev.ion.client.RunEvent;
import dev.ion.client.RunHandle;
import dev.ion.client.RunResult;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.ServerUnavailableException;
import dev.ion.client.StreamListener;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.RunStatus;
import dev.ion.server.testing.LiveServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's request/response calls against a real server: run, errors, input, get, cancel, health, refusals. */
class IonClientTest extends LiveClientTest {
    @Test
    void runsAScriptAndReturnsItsValueOutputAndStats() {
        RunResult r = ion.run("print(\"hi\"); [1, 2] + [3]");
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.value()).isEqualTo("[1, 2, 3]");
        assertThat(r.json().toString()).isEqualTo("[1,2,3]");
        assertThat(r.output()).isEqualTo("hi\n");
        assertThat(r.stats().fuel()).isPositive();
        assertThat(r.id()).startsWith("run_");
        assertThat(ion.get(r.id()).value()).isEqualTo("[1, 2, 3]");
    }

    @Test
    void runAsyncCompletesWithTheSameResult() throws Exception {
        assertThat(ion.runAsync("6 * 7").get(60, TimeUnit.SECONDS).json().asInt()).isEqualTo(42);
    }

    @Test
    void aCompileErrorIsAFailedRunWithEveryProblem() {
        RunResult r = ion.run("let a = 1;\nlet x = ;\nlet y = 1 +;");
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error().kind()).isEqualTo("parse");
        assertThat(r.error().line()).isEqualTo(2);
        assertThat(r.error().column()).isEqualTo(9);
        assertThat(r.error().errors()).hasSize(2);
        ScriptFailedException e = catchScript(() -> ion.runOrThrow("let x = ;"));
        assertThat(e.compileError()).isTrue();
        assertThat(e.kind()).isEqualTo("parse");
        assertThat(e).hasMessage("1:9: parse: expected expression, found ';'");
    }

    @Test
    void aRuntimeErrorCarriesItsKindPositionAndTrace() {
        ScriptFailedException e = catchScript(() -> ion.runOrThrow(
                "fn half(n) {\n    if n % 2 != 0 { assert(false, f\"{n} is odd\") }\n    n / 2\n}\nprint(half(10))\nhalf(7)"));
        assertThat(e.compileError()).isFalse();
        assertThat(e.kind()).isEqualTo("runtime");
        assertThat(e.errorMessage()).isEqualTo("7 is odd");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(21);
        assertThat(e.trace()).extracting(t -> t.function()).containsExactly("half", "<script>");
        assertThat(e.result().output()).isEqualTo("5\n");
    }

    @Test
    void inputGivenUpFrontIsReadAndARunWithoutItSeesItClosed() {
        RunRequest req = new RunRequest("let mut n = 0; while let Some(v) = input.recv() { n += v }; n", null,
                List.<JsonNode>of(IntNode.valueOf(20), IntNode.valueOf(22)));
        assertThat(ion.run(req).json().asInt()).isEqualTo(42);
        assertThat(ion.run("input.recv()").value()).isEqualTo("None");
    }

    @Test
    void limitsAreSentAndAFuelLimitFailsTheRun() {
        RunResult r = ion.run(new RunRequest("loop {}", Map.of("fuel", 1000L), null));
        assertThat(r.error().kind()).isEqualTo("limit");
        assertThat(r.limits()).containsEntry("fuel", 1000L);
    }

    @Test
    void aBadLimitIsABadRequestWithTheServersMessage() {
        assertThatThrownBy(() -> ion.run(new RunRequest("1", Map.of("bogus", 1L), null)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("unknown limit 'bogus'")
                .extracting(e -> ((IonClientException) e).status()).isEqualTo(400);
    }

    @Test
    void cancelEndsARunningRunAndGetOfAnUnknownRunIsNotFound() {
        RunHandle h = ion.start("input.recv(); 1");
        RunResult cancelled = ion.cancel(h.id());
        assertThat(cancelled.id()).isEqualTo(h.id());
        RunResult end = h.result();
        assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(end.error().kind()).isEqualTo("cancelled");
        assertThatThrownBy(() -> ion.get("run_nope")).isInstanceOf(IonClientException.class)
                .hasMessage("no run 'run_nope'").extracting(e -> ((IonClientException) e).code()).isEqualTo("not_found");
    }

    @Test
    void aRunIdIsOnePathSegmentWhateverItHolds() {
        for (String id : List.of("../../health/ready", "a b", "x?y#z", "run_1/input")) {
            assertThatThrownBy(() -> ion.get(id)).as(id).isInstanceOf(IonClientException.class)
                    .extracting(e -> ((IonClientException) e).code()).isEqualTo("not_found");
        }
    }

    @Test
    void aClosedClientRefusesEveryCallWithOneClearError() {
        IonClient closed = live.client();
        RunHandle h = closed.start("input.recv(); 1");
        closed.close();
        try {
            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> closed.run("1"), () -> closed.get(h.id()), closed::health, () -> h.send(1),
                    () -> h.events().iterator().hasNext())) {
                assertThatThrownBy(call).isExactlyInstanceOf(IonClientException.class).hasMessage("the client is closed");
            }
        } finally {
            ion.cancel(h.id());
        }
    }

    @Test
    void closingTheClientEndsTheCallsItHasInFlight() throws Exception {
        IonClient c = live.client();
        RunHandle h = ion.start("input.recv(); 1");
        try {
            CompletableFuture<RunResult> waiting = c.runAsync("while true { sleep(20) }");
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
                try (EventStream events = c.handle(h.id()).events()) {
                    for (RunEvent e : events) reading.countDown();
                }
            });
            assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();
            c.close();
            for (CompletableFuture<?> call : List.of(waiting, following)) {
                assertThatThrownBy(() -> call.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isExactlyInstanceOf(IonClientException.class).hasMessage("the client is closed");
            }
        } finally {
            ion.cancel(h.id());
        }
    }

    @Test
    void healthSaysReady() {
        assertThat(ion.health().ready()).isTrue();
    }

    @Test
    void aServerThatIsNotThereIsUnavailableAfterTheRetriesRun() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (IonClient none = IonClient.builder().baseUrl("http://127.0.0.1:" + port)
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5))).build()) {
            assertThatThrownBy(() -> none.run("1")).isInstanceOf(ServerUnavailableException.class)
                    .hasMessageContaining("connection refused");
            assertThatThrownBy(none::health).isInstanceOf(ServerUnavailableException.class);
        }
    }

    @Test
    void aWrongOrMissingKeyIsAnAuthenticationError() throws Exception {
        try (LiveServer keyed = new LiveServer(c -> c.addApiKeys("s3cret"));
             IonClient wrong = keyed.client("nope"); IonClient none = keyed.client(); IonClient right = keyed.client("s3cret")) {
            assertThatThrownBy(() -> wrong.run("1")).isInstanceOf(AuthenticationException.class)
                    .hasMessage("unknown API key");
            assertThatThrownBy(() -> none.get("run_x")).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Authorization: Bearer KEY");
            assertThat(right.run("1 + 1").json().asInt()).isEqualTo(2);
            assertThat(StreamTest.failure(wrong.stream("1", new StreamListener() { })))
                    .isInstanceOf(AuthenticationException.class).hasMessage("unknown API key");
            assertThat(StreamTest.await(right.stream("2 + 2", new StreamListener() { })).value())
                    .isEqualTo("4");
        }
    }

    @Test
    void aUsedUpQuotaIsRateLimitedWithRetryAfter() throws Exception {
        try (LiveServer quota = new LiveServer(c -> c.quota.maxConcurrentRuns = 1); IonClient c = quota.client()) {
            RunHandle busy = c.start("input.recv()");
            RateLimitedException e = (RateLimitedException) catchClient(() -> c.run("1"));
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("rate_limited");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            busy.closeInput();
            assertThat(busy.result().status()).isEqualTo(RunStatus.SUCCEEDED);
            LiveServer.next(quota.ended, "ended");
            assertThat(c.run("2").json().asInt()).isEqualTo(2);
        }
    }

    @Test
    void anOverloadedServerIsAskedAgainUntilItHasRoom() throws Exception {
        try (LiveServer full = new LiveServer(c -> {
            c.maxConcurrentRuns = 1;
            c.maxQueuedRuns = 0;
            c.log = true;
        }); IonClient once = full.client();
             IonClient retrying = IonClient.builder().baseUrl(full.url())
                     .retryPolicy(RetryPolicy.of(100, Duration.ofMillis(50), Duration.ofSeconds(2))).build()) {
            RunHandle busy = once.start("input.recv()");
            ServerUnavailableException overloaded = (ServerUnavailableException) catchClient(() -> once.run("1"));
            assertThat(overloaded.code()).isEqualTo("overloaded");
            assertThat(overloaded.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            full.logLines.clear();
            var answer = retrying.runAsync("40 + 2");
            full.nextLogLine("\"status\":503");
            assertThat(answer).isNotDone();
            busy.closeInput();
            assertThat(answer.get(60, TimeUnit.SECONDS).json().asInt()).isEqualTo(42);
        }
    }

    static ScriptFailedException catchScript(Runnable r) {
        return (ScriptFailedException) catchClient(r);
    }

    static IonClientException catchClient(Runnable r) {
        try {
            r.run();
        } catch (IonClientException e) {
            return e;
        }
        throw new AssertionError("no IonClientException");
    }
}
