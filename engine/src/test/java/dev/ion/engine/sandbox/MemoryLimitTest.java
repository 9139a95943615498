package dev.ion.engine.sandbox;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.runtime.SingleThreadLoop;
import org.junit.jupiter.api.Test;

import static dev.ion.engine.MemoryLimitedRun.runToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code max_memory_bytes} bounds what a run holds, not what it allocates: temporaries may
 * churn through many times the limit, retaining more than it fails, and measuring what is
 * held (each time the allocation counter crosses the limit) is charged to the run's fuel.
 */
class MemoryLimitTest {
    private static final long LIMIT = 1L << 20;
    /** Roughly 600 KB held: a list of 1,000 strings of about 300 characters. */
    private static final String HOLD = hold(1_000);
    /** About 8 MB of strings that die at once. */
    private static final String CHURN = "let mut n = 0; for i in 0..40000 { let t = \"y\".repeat(100) + str(i); n += t.len(); }\n";

    private static String hold(int strings) {
        return "let mut held = []; for i in 0.." + strings + " { held = held.push(\"x\".repeat(300) + str(i)); }\n";
    }

    @Test
    void temporariesMayChurnThroughManyTimesTheLimit() throws Exception {
        Run run = runToEnd(CHURN + "n", LIMIT);
        assertThat(run.result().get().asLong()).isEqualTo(40_000 * 100 + 188_890);
        assertThat(run.peakMemoryBytes()).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void retainingMoreThanTheLimitFails() {
        Throwable e = catchThrowable(() -> runToEnd(hold(20_000) + "held.len()", LIMIT));
        assertThat(e).isInstanceOf(IonException.class).hasMessageContaining("memory");
    }

    @Test
    void aValueBuiltPastTheLimitFailsAtTheInstructionThatBuiltIt() {
        // 400 KB each: the third takes what is held to 1.2 MB, measured once it exists (not while it is being made)
        Throwable e = catchThrowable(() -> runToEnd("""
                let a = bytes::zeroed(400000);
                let b = bytes::zeroed(400000);
                let c = bytes::zeroed(400000);
                0""", LIMIT));
        assertThat(e).isInstanceOfSatisfying(IonException.class, ie -> {
            assertThat(ie.getMessage()).isEqualTo("limit exceeded: max_memory_bytes (1048576)");
            assertThat(ie.line()).isEqualTo(3);
        });
    }

    @Test
    void thePeakOfARunThatDidNotFailIsAHeldSizeWithinTheLimit() throws Exception {
        // each temporary takes the allocation counter past the limit; what is held never is
        Run run = runToEnd("""
                let held = "h".repeat(250000);
                let mut n = 0;
                for i in 0..200 { n += ("y".repeat(120000) + str(i)).len(); }
                n + held.len()""", LIMIT);
        assertThat(run.result().get().asLong()).isEqualTo(200 * 120_000 + 490 + 250_000);
        assertThat(run.peakMemoryBytes()).isBetween(500_000L, LIMIT);
    }

    @Test
    void aRunThatFailsWithTheLimitWasStoppedWithinOneInstructionOfCrossingIt() {
        SingleThreadLoop loop = new SingleThreadLoop();
        Limits limits = Limits.builder().deadlineMs(60_000).maxMemoryBytes(LIMIT).build();
        Run run = new Engine().setLimits(limits).setOutputHandler(t -> { }).start(
                "let mut held = []; for i in 0..100 { held = held.push(\"x\".repeat(100000)); } held.len()",
                loop, RunListener.NONE);
        loop.runUntil(run.result()::isDone);
        assertThat(catchThrowable(() -> run.result().get())).hasRootCauseMessage(
                "limit exceeded: max_memory_bytes (1048576)");
        // the peak is the measured size that failed it: the limit plus at most the string that crossed it
        assertThat(run.peakMemoryBytes()).isBetween(LIMIT, LIMIT + 200_000 + 4_096);
    }

    @Test
    void measuringWhatIsHeldIsChargedAsFuel() throws Exception {
        long roomy = runToEnd(HOLD + CHURN + "held.len()", 1L << 30).fuelUsed();
        long tight = runToEnd(HOLD + CHURN + "held.len()", LIMIT).fuelUsed();
        // each of the many measurements walks the ~600 KB held, about 9,000 units per walk
        assertThat(tight - roomy).isGreaterThan(100_000);
    }
}
