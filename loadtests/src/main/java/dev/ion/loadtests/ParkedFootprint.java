package dev.ion.loadtests;

import dev.ion.engine.Engine;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.runtime.SingleThreadLoop;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the retained heap of parked work: N runs each parked in {@code sleep}, and one
 * run with N tasks parked on a channel. Prints bytes per parked run and per parked task.
 *
 * <pre>java -Xmx4g -cp loadtests/target/benchmarks.jar dev.ion.loadtests.ParkedFootprint 100000</pre>
 */
public final class ParkedFootprint {
    private ParkedFootprint() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long base = usedHeap();
        SingleThreadLoop loop = new SingleThreadLoop();
        List<Run> runs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            runs.add(new Engine().start("sleep(100000000); 1", loop, RunListener.NONE));
        }
        loop.runUntil(() -> loop.pendingTimers() >= n);
        long perRun = (usedHeap() - base) / n;
        System.out.printf("%d parked runs: %d bytes retained per run%n", n, perRun);
        runs.forEach(Run::cancel);
        loop.runUntil(() -> runs.stream().allMatch(r -> r.result().isDone()));
        runs.clear();

        base = usedHeap();
        SingleThreadLoop loop2 = new SingleThreadLoop();
        Run many = new Engine().setLimits(dev.ion.engine.Limits.builder().maxTasks(n + 10).build()).start(
                "let (tx, rx) = channel(1); async { spawn sleep(100000000); for i in 0.." + n
                        + " { spawn rx.recv(); } }", loop2, RunListener.NONE);
        int[] settled = {0};
        // every task has started once all n + 2 exist; a few more loop turns let the last ones park
        loop2.runUntil(() -> many.result().isDone() || (many.tasksStarted() >= n + 2 && ++settled[0] > 1000));
        if (many.result().isDone()) throw new IllegalStateException("the run ended early: " + many.result());
        long perTask = (usedHeap() - base) / n;
        System.out.printf("%d parked tasks in one run: %d bytes retained per task%n", n, perTask);
        many.cancel();
        loop2.runUntil(() -> many.result().isDone());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
