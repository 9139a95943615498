package dev.ion.tier;

import dev.ion.engine.Engine;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Script;
import dev.ion.engine.runtime.SingleThreadLoop;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prepared script's functions, and so their compiled loops, are shared by every run of it (the server's
 * compiled-script cache): runs of one script on several threads at once, through the same compiled code,
 * each print, return and spend exactly what a run alone does.
 */
class SharedScriptTest {
    private static final int THREADS = 4;
    private static final int RUNS_PER_THREAD = 3;

    /** What one run printed and spent. */
    record Outcome(String output, String value, long fuel, long peakMemory) {
    }

    @Test
    void concurrentRunsOfOnePreparedScriptAgree() throws Exception {
        String source = Files.readString(Corpus.TIER.resolve("tasks_with_hot_loops.ion"));
        Engine engine = new Engine();
        Script script = engine.prepare(source);
        long before = AsmLoopCompiler.compiledFunctions();
        Outcome alone = run(engine, script);
        assertThat(alone.output()).startsWith("[899997, 999991, 599982]\n");
        assertThat(AsmLoopCompiler.compiledFunctions()).as("the first run compiled the script's loops").isGreaterThan(before);
        long compiled = AsmLoopCompiler.compiledFunctions();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Outcome>>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    for (int r = 0; r < RUNS_PER_THREAD; r++) outcomes.add(run(engine, script));
                    return outcomes;
                }));
            }
            for (Future<List<Outcome>> f : results) {
                assertThat(f.get(5, TimeUnit.MINUTES)).containsOnly(alone);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(AsmLoopCompiler.compiledFunctions()).as("later runs reuse the compiled loops").isEqualTo(compiled);
    }

    private static Outcome run(Engine engine, Script script) throws Exception {
        StringBuilder out = new StringBuilder();
        SingleThreadLoop loop = new SingleThreadLoop();
        Run run = engine.start(script, loop, new RunListener() {
            @Override
            public CompletionStage<?> onOutput(String text) {
                out.append(text);
                return null;
            }
        });
        loop.runUntil(() -> run.result().isDone());
        return new Outcome(out.toString(), run.result().get().repr(), run.fuelUsed(), run.peakMemoryBytes());
    }
}
