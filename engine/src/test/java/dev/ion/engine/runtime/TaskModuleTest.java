package dev.ion.engine.runtime;

import dev.ion.engine.Cancellable;
import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.EventLoop;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the golden scripts of the {@code task} module cannot see: the pauses retry and interval ask of the loop
 * (backoff arithmetic, seeded jitter, tick alignment), the fuel each retry attempt costs, and the {@code recv} events
 * broadcast and oneshot receivers report to the embedder.
 */
class TaskModuleTest {
    /** A single-thread loop that records the delay of every timer the run asks for. */
    static class RecordingLoop implements EventLoop {
        final SingleThreadLoop loop = new SingleThreadLoop();
        final List<Long> delays = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void execute(Runnable r) {
            loop.execute(r);
        }

        @Override
        public Cancellable schedule(long delayMs, Runnable r) {
            delays.add(delayMs);
            return loop.schedule(delayMs, r);
        }

        @Override
        public long nowMillis() {
            return loop.nowMillis();
        }
    }

    /**
     * A loop whose clock is virtual: it stands still between timers and jumps to each timer's due time when it
     * fires (timers still wait in real time), so what a ticker asks of the loop does not depend on the machine.
     */
    static final class VirtualClockLoop extends RecordingLoop {
        private volatile long now;

        @Override
        public Cancellable schedule(long delayMs, Runnable r) {
            long due = now + delayMs;
            return super.schedule(delayMs, () -> {
                now = Math.max(now, due);
                r.run();
            });
        }

        @Override
        public long nowMillis() {
            return now;
        }
    }

    private static Value run(Engine engine, RecordingLoop loop, String source, RunListener listener) throws Exception {
        Run run = engine.setOutputHandler(t -> { }).start(source, loop, listener);
        Thread t = new Thread(() -> loop.loop.runUntil(run.result()::isDone), "test-loop");
        t.setDaemon(true);
        t.start();
        return run.result().get(60, TimeUnit.SECONDS);
    }

    private static List<Long> retryPauses(Long seed, String options) throws Exception {
        RecordingLoop loop = new RecordingLoop();
        Engine engine = new Engine();
        if (seed != null) engine.setRandomSeed(seed);
        Throwable e = catchThrowable(() -> run(engine, loop,
                "task::retry(|| assert(false, \"down\"), " + options + ")", RunListener.NONE));
        assertThat(e).isInstanceOf(ExecutionException.class).cause().isInstanceOf(IonException.class).hasMessage("down");
        return loop.delays;
    }

    @Test
    void retryPausesGrowByTheFactorUpToTheMaximum() throws Exception {
        assertThat(retryPauses(null, "#{attempts: 6, initial_backoff_ms: 10, factor: 3, max_backoff_ms: 100}"))
                .containsExactly(10L, 30L, 90L, 100L, 100L);
        assertThat(retryPauses(null, "#{attempts: 3}")).containsExactly(100L, 200L);
    }

    @Test
    void jitteredPausesComeFromTheRunsSeededRandomSource() throws Exception {
        String options = "#{attempts: 8, initial_backoff_ms: 64, factor: 2, max_backoff_ms: 1000, jitter: true}";
        List<Long> first = retryPauses(7L, options);
        assertThat(retryPauses(7L, options)).isEqualTo(first);
        assertThat(retryPauses(8L, options)).isNotEqualTo(first);
        long[] full = {64, 128, 256, 512, 1000, 1000, 1000};
        assertThat(first).hasSize(full.length);
        for (int i = 0; i < full.length; i++) assertThat(first.get(i)).isBetween(full[i] / 2, full[i] - 1);
    }

    @Test
    void eachRetryAttemptCostsFuelOfItsOwnEvenAroundABuiltIn() throws Exception {
        RecordingLoop loop = new RecordingLoop();
        Run run = new Engine().setOutputHandler(t -> { }).start(
                "try { task::retry(assert, #{attempts: 1000, initial_backoff_ms: 0}) } catch e { e }", loop, RunListener.NONE);
        Thread t = new Thread(() -> loop.loop.runUntil(run.result()::isDone), "test-loop");
        t.setDaemon(true);
        t.start();
        assertThat(run.result().get(60, TimeUnit.SECONDS).asString()).isEqualTo("assert() takes 1 to 2 arguments (0 given)");
        assertThat(run.fuelUsed()).isGreaterThanOrEqualTo(1000 * Retry.ATTEMPT_FUEL);
    }

    @Test
    void anIntervalTicksAtMultiplesOfItsPeriodSinceItWasMadeSkippingMissedTicks() throws Exception {
        VirtualClockLoop loop = new VirtualClockLoop();
        Value v = run(new Engine(), loop, """
                let t = task::interval(100);
                sleep(130);
                t.tick();
                t.tick();
                sleep(250);
                t.tick();
                "ticked"
                """, RunListener.NONE);
        assertThat(v.asString()).isEqualTo("ticked");
        // 130 → 200 (the next multiple), 200 → 300; at 550 the ticks at 400 and 500 are skipped: 550 → 600
        assertThat(loop.delays).containsExactly(130L, 70L, 100L, 250L, 50L);
    }

    @Test
    void broadcastAndOneshotReceiversReportEachMessageTheyReceive() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public CompletionStage<?> onRecv(long channel, int task, Value v) {
                events.add(channel + ":" + task + ":" + v.repr());
                return null;
            }
        };
        Value v = run(new Engine(), new RecordingLoop(), """
                let (tx, subscribe) = task::broadcast(1);
                let a = subscribe();
                tx.send("one");
                tx.send("two");
                let lagged = a.recv();
                let (otx, orx) = task::oneshot();
                async {
                    let h = spawn orx.recv();
                    sleep(1);
                    otx.send("single");
                    [lagged, a.recv(), h.await]
                }""", listener);
        assertThat(v.repr()).isEqualTo("[Err(\"lagged: 1\"), Some(\"two\"), Some(\"single\")]");
        // the oneshot delivers to the parked task as it is sent, before a.recv() runs
        assertThat(events).containsExactly("1:1:\"single\"", "0:0:\"two\"");
    }

    @Test
    void aCallbacksErrorKeepsItsKindAndPointsAtTheCallersLine() {
        IonException e = catchThrowable(() -> new Engine().setOutputHandler(t -> { }).eval("""
                fn work(i) { if i == 2 { undefined_name } else { i } }

                let r = task::parallel_map([1, 2, 3], 2, work);""")) instanceof IonException ie ? ie : null;
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.NAME);
        assertThat(e.getMessage()).isEqualTo("undefined variable 'undefined_name'");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
    }
}
