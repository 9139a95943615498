package dev.ion.loadtests;

import dev.ion.engine.Engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The interpreter's steady-state speed on one script, robust to a shared machine: evaluates the
 * script {@code reps} times in this JVM (a fresh {@code Engine} each time, output discarded) and
 * prints the minimum and median of the calling thread's CPU time per evaluation. CPU time leaves out
 * the time other processes take the core; the minimum is the evaluation least disturbed by their
 * cache and core sharing. Run one script per JVM: the fast loop's compiled code follows the profile
 * of whatever ran before it.
 *
 * <pre>java -Xss16m -XX:+UseParallelGC -XX:-UseCompressedOops -cp loadtests/target/benchmarks.jar \
 *     dev.ion.loadtests.EvalCpuTime 25 FILE.ion</pre>
 */
public final class EvalCpuTime {
    private EvalCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EvalCpuTime REPS FILE.ion");
            System.exit(2);
        }
        int reps = Integer.parseInt(args[0]);
        if (reps < 1) throw new IllegalArgumentException("reps must be at least 1, got " + reps);
        String source = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[reps];
        for (int i = 0; i < reps; i++) {
            long start = threads.getCurrentThreadCpuTime();
            new Engine().setOutputHandler(text -> { }).eval(source);
            nanos[i] = threads.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: min %.1f ms, median %.1f ms of %d evaluations (thread CPU time)%n",
                args[1], nanos[0] / 1e6, nanos[reps / 2] / 1e6, reps);
    }
}
