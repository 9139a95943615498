package dev.ion.loadtests;

import dev.ion.engine.Cancellable;
import dev.ion.engine.Engine;
import dev.ion.engine.EventLoop;
import dev.ion.engine.Limits;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.runtime.SingleThreadLoop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;

/**
 * How long the memory limit's checks hold the event loop: runs a script that keeps about
 * 50 MB (as the engine counts it) of small values under a 64 MiB limit while churning
 * temporaries, so the allocation counter crosses the limit again and again and each time
 * the engine measures everything the run holds. Every callback the engine puts on the loop
 * is timed; the longest one is how long everything else on that loop (HTTP, other runs)
 * would have waited. Prints the longest callbacks and the run's time.
 *
 * <pre>java -Xss16m -cp loadtests/target/benchmarks.jar dev.ion.loadtests.MemoryCheckStall [ELEMENTS] [CHURN_MB]</pre>
 */
public final class MemoryCheckStall {
    private MemoryCheckStall() {
    }

    /** An event loop that times each callback it runs. */
    private static final class TimedLoop implements EventLoop {
        final SingleThreadLoop inner = new SingleThreadLoop();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[1 << 16];
        long[] cpu = new long[1 << 16];
        int count;

        private Runnable timed(Runnable r) {
            return () -> {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                r.run();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, count * 2);
                    cpu = Arrays.copyOf(cpu, count * 2);
                }
                cpu[count] = c1 - c0;
                nanos[count++] = t1 - t0;
            };
        }

        @Override
        public void execute(Runnable r) {
            inner.execute(timed(r));
        }

        @Override
        public Cancellable schedule(long delayMs, Runnable r) {
            return inner.schedule(delayMs, timed(r));
        }

        @Override
        public long nowMillis() {
            return inner.nowMillis();
        }
    }

    public static void main(String[] args) throws Exception {
        int elements = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int churnMb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String source = "let mut held = [];\n"
                + "for i in 0.." + elements + " { held = held.push([i * 7 + 1000000, \"v\" + str(i)]); }\n"
                + "let mut n = 0;\n"
                + "for i in 0.." + (churnMb * 500) + " { let t = \"y\".repeat(1000) + str(i); n += t.len(); }\n"
                + "held.len()";
        Limits limits = Limits.builder().deadlineMs(600_000).maxMemoryBytes(64L << 20).build();
        TimedLoop loop = new TimedLoop();
        long t0 = System.nanoTime();
        Run run = new Engine().setLimits(limits).start(source, loop, RunListener.NONE);
        loop.inner.runUntil(run.result()::isDone);
        long total = System.nanoTime() - t0;
        String outcome;
        try {
            outcome = run.result().get().repr();
        } catch (ExecutionException e) {
            outcome = e.getCause().getMessage();
        }
        System.out.printf("result %s, run %.0f ms, fuel %d, peakMemoryBytes %d%n", outcome, total / 1e6,
                run.fuelUsed(), run.peakMemoryBytes());
        report("wall time", Arrays.copyOf(loop.nanos, loop.count));
        report("thread CPU time", Arrays.copyOf(loop.cpu, loop.count));
    }

    /** Wall time includes GC pauses and waiting for a core; the thread's CPU time is the callback's own work. */
    private static void report(String what, long[] sorted) {
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%s of %d loop callbacks: median %.3f ms, p99 %.3f ms, p99.9 %.3f ms, longest %.1f ms;"
                        + " %d over 10 ms, %d over 100 ms%n", what, n, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                sorted[(int) (n * 0.999)] / 1e6, sorted[n - 1] / 1e6,
                Arrays.stream(sorted).filter(x -> x > 10_000_000).count(),
                Arrays.stream(sorted).filter(x -> x > 100_000_000).count());
        System.out.print("  longest 5 (ms):");
        for (int i = Math.max(0, n - 5); i < n; i++) System.out.printf(" %.1f", sorted[i] / 1e6);
        System.out.println();
    }
}
