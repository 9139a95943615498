package dev.ion.engine.runtime;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The embedder-facing concurrency API: start on a loop, listeners, back-pressure, input channels, callAsync. */
class RuntimeApiTest {

    /** Runs {@code loop} on a daemon thread until the run finishes. */
    private static Thread drive(SingleThreadLoop loop, Run run) {
        Thread t = new Thread(() -> loop.runUntil(run.result()::isDone), "test-loop");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void listenerSeesOutputRecvAndSelectInOrder() throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        List<String> events = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public CompletionStage<?> onOutput(String text) {
                events.add("out:" + text.strip());
                return null;
            }

            @Override
            public CompletionStage<?> onRecv(long channel, int task, Value v) {
                events.add("recv:" + v.repr());
                return null;
            }

            @Override
            public CompletionStage<?> onSelect(int arm, Value v) {
                events.add("select:" + arm + "=" + v.repr());
                return null;
            }
        };
        Run run = new Engine().setOutputHandler(t -> { }).start("""
                let (tx, rx) = channel(4);
                async { spawn { for i in 0..3 { tx.send(i); } tx.close(); }; while let Some(v) = rx.recv() { print(v); } }
                fn after(ms, v) { sleep(ms); v }
                select { a = after(1000000, "slow") => a, b = after(1, "fast") => b }
                """, loop, listener);
        drive(loop, run);
        assertThat(run.result().get(60, TimeUnit.SECONDS).asString()).isEqualTo("fast");
        assertThat(events).containsExactly("recv:0", "out:0", "recv:1", "out:1", "recv:2", "out:2",
                "select:1=\"fast\"");
    }

    @Test
    void slowOutputSinkParksThePrintingTaskInsteadOfBuffering() throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        BlockingQueue<CompletableFuture<Void>> pending = new LinkedBlockingQueue<>();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public CompletionStage<?> onOutput(String text) {
                printed.add(text);
                CompletableFuture<Void> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            }
        };
        Run run = new Engine().setOutputHandler(t -> { }).start("for i in 0..5 { print(i) }", loop, listener);
        drive(loop, run);
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Void> f = pending.poll(60, TimeUnit.SECONDS);
            assertThat(f).as("print %d happened", i).isNotNull();
            // while this print is unacknowledged, nothing more is printed
            assertThat(printed).hasSize(i + 1);
            assertThat(pending).isEmpty();
            f.complete(null);
        }
        run.result().get(60, TimeUnit.SECONDS);
        assertThat(printed).containsExactly("0\n", "1\n", "2\n", "3\n", "4\n");
    }

    @Test
    void inputChannelFeedsTheScriptAndCloseEndsIt() throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        CountDownLatch bound = new CountDownLatch(1);
        InputChannel[] input = new InputChannel[1];
        Run[] run = new Run[1];
        loop.execute(() -> {
            run[0] = new Engine().start("let mut sum = 0; while let Some(v) = input.recv() { sum += v; } sum", loop,
                    RunListener.NONE);
            input[0] = run[0].inputChannel("input", 2);
            bound.countDown();
        });
        Thread t = new Thread(() -> loop.runUntil(() -> run[0] != null && run[0].result().isDone()));
        t.setDaemon(true);
        t.start();
        bound.await();
        for (int i = 1; i <= 10; i++) input[0].offer(Value.of(i)).get(60, TimeUnit.SECONDS);
        input[0].close();
        assertThat(run[0].result().get(60, TimeUnit.SECONDS).asLong()).isEqualTo(55);
    }

    @Test
    void openInputChannelIsNotADeadlockButAClosedOneIs() throws Exception {
        Engine engine = new Engine();
        Throwable t = catchThrowable(() -> engine.eval("let (tx, rx) = channel(1); rx.recv()"));
        assertThat(t).isInstanceOf(IonException.class).hasMessageStartingWith("deadlock");
    }

    @Test
    void callAsyncRunsATopLevelFunctionOfARunningScript() throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        CountDownLatch started = new CountDownLatch(1);
        Run[] run = new Run[1];
        loop.execute(() -> {
            // the script waits until the test cancels it, so the calls never race with its end
            run[0] = new Engine().start("fn square(x) { x * x } sleep(100000000); 1", loop, RunListener.NONE);
            started.countDown();
        });
        Thread th = new Thread(() -> loop.runUntil(() -> run[0] != null && run[0].result().isDone()));
        th.setDaemon(true);
        th.start();
        started.await();
        assertThat(run[0].callAsync("square", Value.of(7)).get(60, TimeUnit.SECONDS).asLong()).isEqualTo(49);
        Throwable missing = catchThrowable(() -> run[0].callAsync("nope").get(60, TimeUnit.SECONDS));
        assertThat(missing).isInstanceOf(ExecutionException.class).hasMessageContaining("nope");
        run[0].cancel();
        Throwable end = catchThrowable(() -> run[0].result().get(60, TimeUnit.SECONDS));
        assertThat(end.getCause()).isInstanceOf(IonException.class);
        assertThat(((IonException) end.getCause()).kind()).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void cancelFailsTheRunWithKindCancelled() throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        Run run = new Engine().start("async { spawn sleep(100000); sleep(100000) }", loop, RunListener.NONE);
        drive(loop, run);
        run.cancel();
        Throwable t = catchThrowable(() -> run.result().get(60, TimeUnit.SECONDS));
        assertThat(t.getCause()).isInstanceOfSatisfying(IonException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    }
}
