package dev.ion.server.client;

import dev.ion.client.IonClient;
import dev.ion.client.RateLimitedException;
import dev.ion.client.RetryPolicy;
import dev.ion.client.RunStream;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.SendQueueFullException;
import dev.ion.client.StreamListener;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's WebSocket send queue is bounded: a producer that outruns a server which has
 * stopped reading the socket (its own write queue is full because a listener is busy) is
 * refused with {@link SendQueueFullException} instead of growing the heap, and sends work
 * again once the queue drains.
 */
class SendQueueTest extends LiveClientTest {
    /** Far more than the bound plus what the loopback's TCP buffers hold: a producer must be refused before this. */
    static final long MAX_SENT_BYTES = 64L << 20;

    @Test
    void theByteBoundRefusesAProducerThatOutrunsTheSocketAndSendsWorkAfterItDrains() throws Exception {
        SendQueueFullException e = outrun(b -> b.maxQueuedSendBytes(256 * 1024), 16 * 1024);
        assertThat(e.limit()).isEqualTo("maxQueuedSendBytes");
        assertThat(e.max()).isEqualTo(256 * 1024);
        assertThat(e.getMessage()).contains("maxQueuedSendBytes = 262144");
    }

    @Test
    void theFrameBoundRefusesAProducerThatOutrunsTheSocketAndSendsWorkAfterItDrains() throws Exception {
        SendQueueFullException e = outrun(b -> b.maxQueuedSends(8), 4 * 1024);
        assertThat(e.limit()).isEqualTo("maxQueuedSends");
        assertThat(e.max()).isEqualTo(8);
        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(e.code()).isEqualTo("rate_limited");
    }

    @Test
    void theBoundsMustBePositive() {
        assertThatThrownBy(() -> IonClient.builder().maxQueuedSends(0)).hasMessageContaining("maxQueuedSends");
        assertThatThrownBy(() -> IonClient.builder().maxQueuedSendBytes(-1)).hasMessageContaining("maxQueuedSendBytes");
    }

    /**
     * Parks a run behind a busy listener, so that the server's write queue fills and it stops
     * reading the socket, then sends {@code valueBytes}-long strings to that run until the
     * client refuses one; releases the listener and checks that sends work again.
     */
    private SendQueueFullException outrun(UnaryOperator<IonClient.Builder> bounds, int valueBytes) throws Exception {
        try (IonClient c = bounds.apply(IonClient.builder().baseUrl(live.url()).retryPolicy(RetryPolicy.none())).build()) {
            ParkedRun run = ParkedRun.start(c, live);
            RunStream s = run.stream;

            String value = "y".repeat(valueBytes);
            SendQueueFullException refused = null;
            long sent = 0;
            while (refused == null && sent < MAX_SENT_BYTES) {
                try {
                    s.send(value);
                    sent += valueBytes;
                } catch (SendQueueFullException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("refused before %d bytes were sent", MAX_SENT_BYTES).isNotNull();
            assertThat(s.result()).as("a refused send does not end the stream").isNotDone();
            assertThatThrownBy(() -> s.send(value)).as("still full while the server does not read")
                    .isInstanceOf(SendQueueFullException.class);
            s.closeInput();   // control frames are never refused
            s.cancel();

            run.release();
            assertThat(((ScriptFailedException) failure(s)).kind()).isEqualTo("cancelled");
            // The server answered the cancel frame, so every frame queued before it has been written
            // (the socket writes one frame after another): the queue has room again.
            RunStream echo = c.stream("input.recv()", new StreamListener() { });
            echo.send(42);
            echo.closeInput();
            assertThat(echo.result().get(60, TimeUnit.SECONDS).value()).isEqualTo("Some(42)");
            return refused;
        }
    }
}
