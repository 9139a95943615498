package dev.ion.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final double MIDDLE = 0.5;

    @Test
    void backsOffExponentiallyUpToTheCapAndStopsAfterTheLastAttempt() {
        RetryPolicy p = RetryPolicy.of(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(p.delayBefore(1, null, MIDDLE)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delayBefore(2, null, MIDDLE)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delayBefore(3, null, MIDDLE)).isEqualTo(Duration.ofMillis(300));
        assertThat(p.delayBefore(4, null, MIDDLE)).isEqualTo(Duration.ofMillis(300));
        assertThat(p.delayBefore(5, null, MIDDLE)).isNull();
    }

    @Test
    void jitterSpreadsTheWaitWithinItsFraction() {
        RetryPolicy p = RetryPolicy.of(3, Duration.ofMillis(1000), Duration.ofSeconds(10)).withJitter(0.2);
        assertThat(p.delayBefore(1, null, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.delayBefore(1, null, 0.999999)).isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
    }

    @Test
    void retryAfterIsWaitedOutWhenLongerAndGivesUpWhenBeyondTheCap() {
        RetryPolicy p = RetryPolicy.of(3, Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(p.delayBefore(1, Duration.ofSeconds(1), MIDDLE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayBefore(1, Duration.ofMillis(10), MIDDLE)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delayBefore(1, Duration.ofSeconds(5), MIDDLE)).isNull();
    }

    @Test
    void noneNeverRetriesAndBadSettingsAreRefused() {
        assertThat(RetryPolicy.none().delayBefore(1, null, MIDDLE)).isNull();
        assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts must be at least 1");
        assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(2)).hasMessageContaining("jitter");
    }
}
