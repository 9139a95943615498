package dev.ion.server.runs;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code demo_lookup} on an engine with a timer the test controls: it answers, fails as documented, waits on
 * its timer rather than a thread, and cancelling the calling task cancels that timer.
 */
class DemoLookupTest {
    /** A timer that only records: actions run when the test says so. */
    static final class HeldTimer implements DemoLookup.Timer {
        final List<Long> delays = new ArrayList<>();
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public Runnable schedule(long delayMs, Runnable action) {
            synchronized (delays) {
                delays.add(delayMs);
            }
            return cancelled::incrementAndGet;
        }
    }

    private static Engine engine(DemoLookup.Timer timer) {
        return DemoLookup.install(new Engine().setOutputHandler(s -> { }), timer);
    }

    @Test
    void answersFailsForMissingKeysAndTwiceForFlakyOnes() {
        String script = """
                let flaky = [0, 1, 2].map(|i| try { demo_lookup("flaky-k") } catch e { e });
                [demo_lookup("key"), try { demo_lookup("missing-k") } catch e { e }, flaky]""";
        assertThat(engine(DemoLookup.jdkTimer()).evalAsync(script).join().toString())
                .isEqualTo("[KEY, demo_lookup: no such key 'missing-k', [demo_lookup: 'flaky-k' timed out (call 1),"
                        + " demo_lookup: 'flaky-k' timed out (call 2), FLAKY-K]]");
    }

    @Test
    void theDelayIsFixedPerKeyBetweenFiveAndTwentyMilliseconds() {
        for (String key : List.of("a", "flaky-b", "some longer key")) {
            assertThat(DemoLookup.delayMs(key)).isBetween(5L, 20L).isEqualTo(DemoLookup.delayMs(key));
        }
    }

    @Test
    void cancellingTheCallerCancelsTheTimer() {
        HeldTimer timer = new HeldTimer();
        String result = engine(timer).evalAsync("timeout(5, || demo_lookup(\"never-answers\"))").join().toString();
        assertThat(result).isEqualTo("None");
        assertThat(timer.delays).hasSize(1);
        assertThat(timer.cancelled).hasValue(1);
    }

    @Test
    void aKeyThatIsNotAShortStringIsRefusedBeforeAnyTimer() {
        HeldTimer timer = new HeldTimer();
        String script = "[try { demo_lookup(1) } catch e { e }, try { demo_lookup(\"x\" * 101) } catch e { e }]";
        assertThat(engine(timer).evalAsync(script).join().toString()).isEqualTo(
                "[demo_lookup() expected a key string of 1 to 100 characters, got int,"
                        + " demo_lookup() expected a key string of 1 to 100 characters, got 101 characters]");
        assertThat(timer.delays).isEmpty();
    }

    @Test
    void aBadArgumentIsATypeErrorAtTheCallersLine() {
        HeldTimer timer = new HeldTimer();
        Throwable failure = catchThrowable(() -> engine(timer).evalAsync("let a = 1\ndemo_lookup(1)").join());
        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(IonException.class);
        IonException e = (IonException) failure.getCause();
        assertThat(e.kind()).isEqualTo(ErrorKind.TYPE);
        assertThat(e.line()).isEqualTo(2);
    }
}
