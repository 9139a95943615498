package dev.ion.client.internal;

import dev.ion.client.SendQueueFullException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bound on a WebSocket's waiting frames: what it refuses, what it always takes, and how it counts bytes. */
class SendBoundTest {
    @Test
    void inputBeyondTheFrameBoundIsRefusedUntilAFrameIsWritten() {
        SendBound b = new SendBound(2, 1000);
        b.take(10);
        b.take(10);
        assertThatThrownBy(() -> b.take(10)).isInstanceOf(SendQueueFullException.class)
                .satisfies(e -> assertThat(((SendQueueFullException) e).limit()).isEqualTo("maxQueuedSends"));
        b.release(10);
        b.take(10);
    }

    @Test
    void inputBeyondTheByteBoundIsRefusedButOneLargeValueAloneIsTaken() {
        SendBound b = new SendBound(100, 100);
        b.take(500);
        assertThatThrownBy(() -> b.take(1)).isInstanceOf(SendQueueFullException.class)
                .hasMessageContaining("maxQueuedSendBytes = 100");
        b.release(500);
        b.take(60);
        assertThatThrownBy(() -> b.take(41)).isInstanceOf(SendQueueFullException.class);
        b.take(40);
    }

    @Test
    void controlFramesAreCountedButNeverRefused() {
        SendBound b = new SendBound(1, 100);
        b.force(10);
        b.force(200);
        assertThatThrownBy(() -> b.take(1)).isInstanceOf(SendQueueFullException.class);
        b.release(10);
        b.release(200);
        b.take(1);
    }

    @Test
    void sizesAreUtf8Bytes() {
        assertThat(SendBound.utf8Length("ab")).isEqualTo(2);
        assertThat(SendBound.utf8Length("é€")).isEqualTo(5);
        assertThat(SendBound.utf8Length("\uD83D\uDE00")).isEqualTo(4);
    }
}
