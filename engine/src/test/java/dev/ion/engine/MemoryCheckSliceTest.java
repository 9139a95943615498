package dev.ion.engine;

import dev.ion.engine.runtime.SingleThreadLoop;
import dev.ion.engine.vm.MemoryCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measuring what a run holds (when its allocations pass {@code max_memory_bytes}) never holds
 * the event loop for the whole walk: each loop callback walks at most one slice, and other
 * work queued on the loop runs between slices.
 */
class MemoryCheckSliceTest {
    /** An event loop that records, per callback, how far the run's memory checks got. */
    private static final class ProbeLoop implements EventLoop {
        final SingleThreadLoop inner = new SingleThreadLoop();
        MemoryCheck memory;
        long largestStepsInOneCallback;
        int othersRunDuringACheck;

        private Runnable probed(Runnable r) {
            return () -> {
                long before = memory == null ? 0 : memory.steps();
                r.run();
                if (memory == null) return;
                largestStepsInOneCallback = Math.max(largestStepsInOneCallback, memory.steps() - before);
                if (memory.isDue() && memory.steps() > before) {
                    // a check is half-way: something else waiting on the loop must get its turn before it ends
                    inner.execute(() -> {
                        if (memory.isDue()) othersRunDuringACheck++;
                    });
                }
            };
        }

        @Override
        public void execute(Runnable r) {
            inner.execute(probed(r));
        }

        @Override
        public Cancellable schedule(long delayMs, Runnable r) {
            return inner.schedule(delayMs, probed(r));
        }

        @Override
        public long nowMillis() {
            return inner.nowMillis();
        }
    }

    @Test
    void aLargeHeldSetIsMeasuredInSlicesWithTheLoopFreeInBetween() throws Exception {
        // about 200,000 values held (~6 MB as counted) under an 8 MiB limit; the churn crosses the limit again and again
        String source = """
                let mut held = [];
                for i in 0..50000 { held = held.push([i * 7 + 1000000, "v" + str(i)]); }
                let mut n = 0;
                for i in 0..20000 { let t = "y".repeat(1000) + str(i); n += t.len(); }
                held.len()""";
        ProbeLoop loop = new ProbeLoop();
        Limits limits = Limits.builder().deadlineMs(600_000).maxMemoryBytes(8L << 20).build();
        Run run = new Engine().setLimits(limits).start(source, loop, RunListener.NONE);
        loop.memory = run.state().memory;
        loop.inner.runUntil(run.result()::isDone);

        assertThat(run.result().get().asLong()).isEqualTo(50_000);
        MemoryCheck memory = run.state().memory;
        assertThat(memory.checks()).isGreaterThanOrEqualTo(2);
        assertThat(memory.steps() / memory.checks()).isGreaterThan(20L * MemoryCheck.SLICE_STEPS);
        assertThat(loop.largestStepsInOneCallback).isLessThanOrEqualTo(MemoryCheck.SLICE_STEPS);
        assertThat(loop.othersRunDuringACheck).isGreaterThan(0);
        assertThat(run.peakMemoryBytes()).isLessThanOrEqualTo(8L << 20);
    }
}
