package dev.ion.client.internal;

import dev.ion.client.AuthenticationException;
import dev.ion.client.BadRequestException;
import dev.ion.client.ConnectionLostException;
import dev.ion.client.IonClientException;
import dev.ion.client.RateLimitedException;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.client.ServerUnavailableException;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.RunStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's reading of the server's JSON (PROTOCOL.md examples) and its mapping of refusals. */
class JsonTest {
    private final Json json = new Json();

    @Test
    void readsEveryEventType() {
        assertThat(json.event("{\"type\":\"started\",\"run\":\"run_a\",\"seq\":1,\"status\":\"running\",\"limits\":{\"fuel\":100}}"))
                .isEqualTo(new RunEvent.Started("run_a", 1, RunStatus.RUNNING, Map.of("fuel", 100L)));
        RunEvent.Recv recv = (RunEvent.Recv) json.event(
                "{\"type\":\"recv\",\"run\":\"run_a\",\"seq\":2,\"channel\":1,\"task\":0,\"value\":\"[1]\",\"json\":[1]}");
        assertThat(recv.channel()).isEqualTo(1);
        assertThat(recv.json().get(0).asInt()).isEqualTo(1);
        assertThat(json.event("{\"type\":\"output\",\"run\":\"run_a\",\"seq\":3,\"text\":\"hi\\n\"}"))
                .isEqualTo(new RunEvent.Output("run_a", 3, "hi\n"));
        RunEvent.Select sel = (RunEvent.Select) json.event(
                "{\"type\":\"select\",\"run\":\"run_a\",\"seq\":4,\"arm\":1,\"value\":\"()\",\"json\":null}");
        assertThat(sel.arm()).isEqualTo(1);
        assertThat(sel.json().isNull()).isTrue();
        assertThat(json.event("{\"type\":\"gap\",\"run\":\"run_a\",\"from\":1,\"to\":17}"))
                .isEqualTo(new RunEvent.Gap("run_a", 1, 17));
    }

    @Test
    void whatTheClientCannotReadIsSaidWithoutJavaTypeNames() {
        assertThatThrownBy(() -> json.result("{\"id\":\"x\",\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IonClientException.class)
                .hasMessage("the server sent a run the client cannot read: unexpected value at 'status'");
        assertThatThrownBy(() -> json.result("{\"id\": }".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the server sent a run the client cannot read: malformed JSON at line 1, column ");
        assertThatThrownBy(() -> json.event("{\"type\":\"result\",\"stats\":{\"fuel\":\"lots\"}}"))
                .hasMessage("the server sent an event the client cannot read: unexpected value at 'fuel'");
    }

    @Test
    void readsBothEndingsAndIgnoresFieldsAndTypesItDoesNotKnow() {
        RunEvent.Finished ok = (RunEvent.Finished) json.event("{\"type\":\"result\",\"run\":\"run_a\",\"seq\":5,"
                + "\"status\":\"succeeded\",\"value\":\"42\",\"json\":42,\"stats\":{\"fuel\":12,\"durationMs\":3,"
                + "\"peakMemoryBytes\":32,\"tasks\":1},\"future\":true}");
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.stats().fuel()).isEqualTo(12);
        RunEvent.Finished failed = (RunEvent.Finished) json.event("{\"type\":\"error\",\"run\":\"run_a\",\"seq\":2,"
                + "\"status\":\"failed\",\"error\":{\"kind\":\"parse\",\"message\":\"expected expression, found ';'\","
                + "\"line\":1,\"column\":9,\"errors\":[{\"kind\":\"parse\",\"message\":\"m\",\"line\":1,\"column\":9}]},"
                + "\"stats\":{\"fuel\":0,\"durationMs\":0,\"peakMemoryBytes\":0,\"tasks\":0}}");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error().kind()).isEqualTo("parse");
        assertThat(failed.error().errors()).hasSize(1);
        assertThat(json.event("{\"type\":\"novel\",\"run\":\"run_a\",\"seq\":6}")).isNull();
    }

    @Test
    void readsARunAsHttpReturnsIt() {
        RunResult r = json.result(("{\"id\":\"run_b\",\"status\":\"succeeded\",\"value\":\"()\",\"json\":null,"
                + "\"output\":\"hi\\n\",\"stats\":{\"fuel\":1,\"durationMs\":0,\"peakMemoryBytes\":0,\"tasks\":1},"
                + "\"limits\":{\"fuel\":5},\"extra\":1}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.id()).isEqualTo("run_b");
        assertThat(r.succeeded()).isTrue();
        assertThat(r.json().isNull()).isTrue();
        assertThat(r.output()).isEqualTo("hi\n");
        assertThat(r.limits()).containsEntry("fuel", 5L);
    }

    @Test
    void writesRunFramesWithOnlyTheFieldsGiven() {
        assertThat(json.runFrame("r1", RunRequest.of("1 + 1")))
                .isEqualTo("{\"type\":\"run\",\"ref\":\"r1\",\"source\":\"1 + 1\"}");
        RunRequest full = new RunRequest("x", Map.of("fuel", 10L), List.of(json.scriptValue(7)));
        assertThat(json.runFrame("r2", full)).contains("\"limits\":{\"fuel\":10}").contains("\"input\":[7]");
        assertThat(json.runCommand("send", "run_a", json.scriptValue(Map.of("k", "v"))))
                .isEqualTo("{\"type\":\"send\",\"run\":\"run_a\",\"value\":{\"k\":\"v\"}}");
    }

    @Test
    void aValueAScriptCannotHoldIsRefusedBeforeSending() {
        assertThatThrownBy(() -> json.scriptValue(new BigInteger("12345678901234567890")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("outside the int range");
    }

    @Test
    void refusalsBecomeTypedExceptions() {
        String body = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"API key 'k' already has 1 run\"}}";
        IonClientException e = Errors.fromHttp(429, body, "3", json);
        assertThat(e).isInstanceOf(RateLimitedException.class).hasMessage("API key 'k' already has 1 run");
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(Errors.fromHttp(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown API key\"}}", null, json))
                .isInstanceOf(AuthenticationException.class);
        assertThat(Errors.fromHttp(503, "", "5", json)).isInstanceOf(ServerUnavailableException.class)
                .hasMessage("the server answered HTTP 503");
        assertThat(Errors.fromHttp(413, "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"big\"}}", null, json))
                .isInstanceOf(BadRequestException.class).hasMessage("big");
        assertThat(Errors.fromFrame("shutting_down", "draining")).isInstanceOf(ServerUnavailableException.class);
        assertThat(Errors.fromFrame("not_found", "no run").status()).isEqualTo(404);
        assertThat(Errors.parseRetryAfter("soon")).isNull();
    }

    @Test
    void ioFailuresSayWhatHappenedWithoutJavaNames() {
        assertThat(Errors.fromIo(new ConnectException(), "http://h:1"))
                .isInstanceOf(ServerUnavailableException.class).hasMessage("cannot connect to http://h:1: connection refused");
        assertThat(Errors.fromIo(new HttpConnectTimeoutException("x"), "http://h:1"))
                .isInstanceOf(ServerUnavailableException.class).hasMessage("cannot connect to http://h:1: timed out");
        assertThat(Errors.fromIo(new IOException(), "http://h:1"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessage("the connection to http://h:1 failed: closed");
        assertThat(Errors.fromIo(new IllegalStateException("odd"), "http://h:1"))
                .hasMessage("the request to http://h:1 failed: odd");
        assertThat(Errors.notConnected(new ConnectException())).isTrue();
        assertThat(Errors.notConnected(new IOException())).isFalse();
    }
}
