package dev.ion.engine.sandbox;

import dev.ion.engine.Limits;
import dev.ion.engine.conformance.Expectations;
import dev.ion.engine.conformance.HostFixtures;
import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole hostile corpus ({@code src/test/resources/scripts/hostile}) 20 times in this JVM and
 * checks that every script ends as its comments say, and that the JVM stays healthy: live threads back
 * to the baseline and retained heap not growing across passes.
 *
 * <p>No check depends on how fast or how busy the machine is: a script that tests a limit other than the
 * deadline has a deadline many times longer than it needs (its expected error shows the limit fired first),
 * and the bounds on time are generous. Work done past a limit is counted, not timed, in {@link BoundedWorkTest}.
 *
 * <p>Bounds (documented in docs/SECURITY.md):
 * <ul>
 *   <li>each script finishes within {@code deadline_ms + }{@value #LATE_MS}{@code  ms} (a deadline enforced
 *       very late is a failure, even when the right error comes out in the end); a script that does not
 *       finish within {@code deadline_ms + }{@value #HUNG_MS}{@code  ms} is reported as hung;</li>
 *   <li>after the last pass, live threads ≤ the count measured after the warm-up pass + {@value #THREAD_SLACK}
 *       (the engine's daemon pools may start a thread or two lazily);</li>
 *   <li>heap used after a full GC at the end of pass 20 ≤ the same reading after pass 2 + {@value #HEAP_SLACK_MB} MB.</li>
 * </ul>
 */
class HostileCorpusTest {
    static final Path DIR = Path.of("src/test/resources/scripts/hostile");
    static final int PASSES = 20;
    static final int THREAD_SLACK = 4;
    static final long HEAP_SLACK_MB = 64;
    /** Ten times the lateness a quiet machine shows at worst, so a slow or busy machine passes too. */
    static final long LATE_MS = 10_000;
    static final long HUNG_MS = 60_000;

    record Script(String name, String source, long deadlineMs) {
    }

    static List<Script> corpus() throws IOException {
        List<Script> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(DIR)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".ion")).sorted().toList()) {
                String source = Files.readString(p);
                long deadline = Expectations.parse(source).limits().deadlineMs();
                out.add(new Script(DIR.relativize(p).toString(), source, deadline));
            }
        }
        return out;
    }

    @Test
    void everyScriptHasADeadlineAndAnExpectedEnding() throws IOException {
        List<Script> scripts = corpus();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(45);
        for (Script s : scripts) {
            assertThat(s.deadlineMs()).as("%s sets deadline_ms", s.name()).isNotEqualTo(Limits.UNLIMITED);
            Expectations e = Expectations.parse(s.source());
            assertThat(e.error() != null || !e.output().isEmpty() || e.repr() != null)
                    .as("%s says how it ends", s.name()).isTrue();
        }
    }

    @Test
    void corpusTwentyTimesLeavesTheJvmHealthy() throws Exception {
        List<Script> scripts = corpus();
        ScriptChecker checker = new ScriptChecker(HostFixtures::install);
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-corpus-runner");
            t.setDaemon(true);
            return t;
        });
        try {
            // pass 1 doubles as the warm-up; it must already be clean
            List<String> failures = runPass(1, scripts, checker, runner);
            assertThat(failures).as("hostile corpus, pass 1").isEmpty();
            awaitEvalThreads();
            int baselineThreads = liveThreads();
            long[] heap = new long[PASSES + 1];
            heap[1] = usedHeapAfterGc();
            for (int pass = 2; pass <= PASSES; pass++) {
                failures = runPass(pass, scripts, checker, runner);
                assertThat(failures).as("hostile corpus, pass %d", pass).isEmpty();
                heap[pass] = usedHeapAfterGc();
                System.out.printf("hostile corpus pass %d: %d scripts, heap after GC %d MB, live threads %d%n",
                        pass, scripts.size(), heap[pass] >> 20, liveThreads());
            }
            awaitEvalThreads();
            assertThat(liveThreads()).as("live threads after %d passes (baseline %d)", PASSES, baselineThreads)
                    .isLessThanOrEqualTo(baselineThreads + THREAD_SLACK);
            assertThat(heap[PASSES] >> 20).as("heap after GC, pass %d vs pass 2 (%d MB)", PASSES, heap[2] >> 20)
                    .isLessThanOrEqualTo((heap[2] >> 20) + HEAP_SLACK_MB);
        } finally {
            runner.shutdownNow();
        }
    }

    private static List<String> runPass(int pass, List<Script> scripts, ScriptChecker checker, ExecutorService runner)
            throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Script s : scripts) {
            long start = System.nanoTime();
            Future<ScriptResult> f = runner.submit(() -> checker.check(s.name(), s.source()));
            ScriptResult r;
            try {
                r = f.get(s.deadlineMs() + HUNG_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                failures.add(s.name() + ": hung (no outcome " + HUNG_MS + " ms after its deadline)");
                f.cancel(true);
                // a hung run keeps its thread; later passes would only repeat the failure
                return failures;
            } catch (ExecutionException e) {
                failures.add(s.name() + ": host exception " + e.getCause());
                continue;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!r.passed()) failures.add(s.name() + ": " + shorten(r.failures().toString()));
            if (millis > s.deadlineMs() + LATE_MS) {
                failures.add(s.name() + ": took " + millis + " ms, deadline_ms is " + s.deadlineMs()
                        + " (a limit enforced late)");
            }
        }
        return failures;
    }

    private static String shorten(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "… (" + s.length() + " chars)";
    }

    /** Joins the engine's per-run event-loop threads that are still winding down (bounded). */
    private static void awaitEvalThreads() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ion-eval")) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left > 0) t.join(left);
            }
        }
    }

    private static int liveThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getThreadCount();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
