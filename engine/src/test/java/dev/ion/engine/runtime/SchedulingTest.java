package dev.ion.engine.runtime;

import dev.ion.engine.Engine;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Stress, fairness, determinism and cleanup of the scheduler (issue: concurrency runtime). */
class SchedulingTest {

    @Test
    void oneHundredThousandTasksPingPongThroughChannels() {
        Value v = new Engine().setLimits(dev.ion.engine.Limits.builder().maxTasks(200_000).build()).eval("""
                fn relay(rx, tx) { while let Some(v) = rx.recv() { tx.send(v + 1); } tx.close(); }
                async {
                    let (first_tx, first_rx) = channel(1);
                    let mut rx = first_rx;
                    for i in 0..100000 {
                        let (tx, next) = channel(1);
                        spawn relay(rx, tx);
                        rx = next;
                    }
                    first_tx.send(0);
                    first_tx.close();
                    rx.recv()
                }
                """);
        assertThat(v.repr()).isEqualTo("Some(100000)");
    }

    @Test
    void tenThousandConcurrentRunsShareOneLoop() {
        SingleThreadLoop loop = new SingleThreadLoop();
        List<CompletableFuture<Value>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Run run = new Engine().start("let (tx, rx) = channel(1); async { spawn { sleep(1); tx.send(" + i
                    + ") }; rx.recv().unwrap() }", loop, RunListener.NONE);
            results.add(run.result());
        }
        loop.runUntil(() -> results.stream().allMatch(CompletableFuture::isDone));
        for (int i = 0; i < results.size(); i++) assertThat(results.get(i).join().asLong()).isEqualTo(i);
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void aBusyRunDoesNotStarveASleepingRunsWakeUp() {
        SingleThreadLoop loop = new SingleThreadLoop();
        List<String> order = new ArrayList<>();
        Engine busy = new Engine().setOutputHandler(t -> order.add("busy"));
        Engine sleeper = new Engine().setOutputHandler(t -> order.add("sleeper"));
        Run b = busy.start("let mut i = 0; while i < 30000000 { i += 1; } print(i)", loop, RunListener.NONE);
        Run s = sleeper.start("sleep(5); print(1)", loop, RunListener.NONE);
        loop.runUntil(() -> b.result().isDone() && s.result().isDone());
        assertThat(order).containsExactly("sleeper", "busy");
    }

    @Test
    void schedulingIsDeterministic() {
        String script = """
                let log = cell([]);
                fn worker(name, n) { for i in 0..n { log.update(|l| l.push(f"{name}{i}")); sleep(0); } }
                let (tx, rx) = channel(2);
                async {
                    spawn worker("a", 5); spawn worker("b", 3);
                    spawn { for i in 0..6 { tx.send(i); } tx.close(); };
                    spawn { while let Some(v) = rx.recv() { log.update(|l| l.push(v)); } };
                }
                log.get()
                """;
        Set<String> outcomes = new HashSet<>();
        for (int i = 0; i < 100; i++) outcomes.add(new Engine().eval(script).repr());
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void cancelledRunsLeaveNoTimersOrWaitersBehind() {
        SingleThreadLoop loop = new SingleThreadLoop();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            runs.add(new Engine().start("""
                    let (tx, rx) = channel(1);
                    async { spawn sleep(1000000); spawn rx.recv(); spawn timeout(1000000, || sleep(1000000)); sleep(1000000) }
                    """, loop, RunListener.NONE));
        }
        loop.runUntil(() -> loop.pendingTimers() >= 30_000);
        runs.forEach(Run::cancel);
        loop.runUntil(() -> runs.stream().allMatch(r -> r.result().isDone()));
        assertThat(runs).allMatch(r -> r.result().isCompletedExceptionally());
        assertThat(loop.pendingTimers()).isZero();
    }
}
