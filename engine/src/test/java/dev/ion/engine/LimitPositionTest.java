package dev.ion.engine;

import dev.ion.engine.runtime.SingleThreadLoop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Limit, deadline and cancellation errors carry the position of the instruction that was running, or of the
 * one where the task is suspended when the error comes from outside (a timer, the host), and that task's trace.
 */
class LimitPositionTest {

    private static IonException evalError(Limits limits, String source) {
        Throwable t = catchThrowable(() -> new Engine().setLimits(limits).setOutputHandler(s -> { }).eval(source));
        assertThat(t).isInstanceOf(IonException.class);
        return (IonException) t;
    }

    private static void assertAt(IonException e, ErrorKind kind, int line, int column) {
        assertThat(e.kind()).as(e.toString()).isEqualTo(kind);
        assertThat(e.line()).as("line of %s", e).isEqualTo(line);
        assertThat(e.column()).as("column of %s", e).isEqualTo(column);
        assertThat(e.trace()).as("trace of %s", e).isNotEmpty();
        IonException.TraceEntry top = e.trace().get(0);
        assertThat(List.of(top.line(), top.column())).as("innermost frame of %s", e).isEqualTo(List.of(line, column));
    }

    @Test
    void fuelOnAnEmptyLoopPointsAtTheLoop() {
        IonException e = evalError(Limits.builder().fuel(1000).build(), "loop {}");
        assertAt(e, ErrorKind.LIMIT, 1, 1);
        assertThat(e.trace()).extracting(IonException.TraceEntry::function).containsExactly("<script>");
    }

    @Test
    void fuelPointsAtTheInstructionThatRanOutNotTheOneBeforeTheJump() {
        IonException e = evalError(Limits.builder().fuel(1000).build(), "let mut i = 0\nloop { i += 1 }");
        assertAt(e, ErrorKind.LIMIT, 2, 8);
    }

    @Test
    void fuelInsideAFunctionHasTheWholeTrace() {
        IonException e = evalError(Limits.builder().fuel(5000).build(),
                "fn spin() {\n    let mut n = 0\n    while true { n += 1 }\n}\nspin()");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.trace()).extracting(IonException.TraceEntry::function).containsExactly("spin", "<script>");
        assertThat(e.trace().get(1).line()).isEqualTo(5);
    }

    @Test
    void fuelSpentInATaskModuleHelperPointsAtTheCallNotIntoTheHelper() {
        for (String call : List.of("task::parallel_map(0..100000, 4, str)", "task::retry(assert, #{attempts: 1000000, initial_backoff_ms: 0})")) {
            IonException e = evalError(Limits.builder().fuel(10_000).build(), "let a = 1\n\nlet x = " + call);
            assertAt(e, ErrorKind.LIMIT, 3, 9);
            assertThat(e.trace()).extracting(IonException.TraceEntry::function).containsExactly("<script>");
        }
    }

    @Test
    void deadlineOnABusyLoop() {
        IonException e = evalError(Limits.builder().deadlineMs(50).build(), "let mut i = 0\nwhile true { i += 1 }");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: deadline_ms (50)");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.trace()).isNotEmpty();
        assertThat(e.trace().get(0).line()).isEqualTo(2);
    }

    @Test
    void deadlineWhileEveryTaskSleepsPointsAtTheMainTasksSleep() {
        IonException e = evalError(Limits.builder().deadlineMs(50).build(),
                "fn nap() {\n    sleep(1000000)\n}\nnap()");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: deadline_ms (50)");
        assertAt(e, ErrorKind.LIMIT, 2, 5);
        assertThat(e.trace()).extracting(IonException.TraceEntry::function).contains("nap", "<script>");
        assertThat(e.trace().get(e.trace().size() - 1).line()).isEqualTo(4);
    }

    @Test
    void deadlineWhileTheMainTaskAwaitsAChild() {
        IonException e = evalError(Limits.builder().deadlineMs(50).build(),
                "async {\n    let t = spawn { sleep(1000000) }\n    t.await\n}");
        assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT);
        assertThat(e.line()).as(e.toString()).isGreaterThan(0);
        assertThat(e.trace()).isNotEmpty();
    }

    @Test
    void memoryLimit() {
        IonException e = evalError(Limits.builder().maxMemoryBytes(100_000).build(),
                "let mut x = \"a\"\nloop { x = x + x }");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_memory_bytes (100000)");
        assertAt(e, ErrorKind.LIMIT, 2, 12);
    }

    @Test
    void callDepth() {
        IonException e = evalError(Limits.builder().maxCallDepth(20).build(), "fn f(n) {\n    f(n + 1)\n}\nf(0)");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_call_depth (20)");
        assertAt(e, ErrorKind.LIMIT, 2, 5);
    }

    @Test
    void tasks() {
        IonException e = evalError(Limits.builder().maxTasks(5).build(),
                "async {\n    for i in 0..100 { spawn { sleep(1000) } }\n}");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_tasks (5)");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.trace()).isNotEmpty();
    }

    @Test
    void output() {
        IonException e = evalError(Limits.builder().maxOutputBytes(10).build(), "let mut i = 0\nloop {\n    print(i)\n    i += 1\n}");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_output_bytes (10)");
        assertAt(e, ErrorKind.LIMIT, 3, 5);
    }

    @Test
    void channelCapacity() {
        IonException e = evalError(Limits.builder().maxChannelCapacity(10).build(), "let n = 100\nlet (tx, rx) = channel(n)");
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_channel_capacity (10)");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.trace()).isNotEmpty();
    }

    @Test
    void cancelWhileParkedPointsAtTheHostCall() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        SingleThreadLoop loop = new SingleThreadLoop();
        Run run = new Engine()
                .registerAsyncFn("wait_forever", args -> {
                    called.countDown();
                    return new CompletableFuture<>();
                })
                .start("fn go() {\n    wait_forever()\n}\ngo()", loop, RunListener.NONE);
        Thread driver = drive(loop, run);
        assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        IonException e = failure(run);
        assertAt(e, ErrorKind.CANCELLED, 2, 5);
        assertThat(e.trace()).extracting(IonException.TraceEntry::function).containsSubsequence("go", "<script>");
        driver.join(30_000);
    }

    @Test
    void cancelWhileBusyPointsIntoTheLoop() throws Exception {
        CountDownLatch printed = new CountDownLatch(1);
        SingleThreadLoop loop = new SingleThreadLoop();
        Run run = new Engine().setOutputHandler(s -> printed.countDown())
                .start("print(\"go\")\nlet mut i = 0\nwhile true {\n    i += 1\n}", loop, RunListener.NONE);
        Thread driver = drive(loop, run);
        assertThat(printed.await(30, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        IonException e = failure(run);
        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.line()).as(e.toString()).isBetween(3, 4);
        assertThat(e.trace()).isNotEmpty();
        driver.join(30_000);
    }

    private static Thread drive(SingleThreadLoop loop, Run run) {
        Thread t = new Thread(() -> loop.runUntil(run.result()::isDone), "test-loop");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static IonException failure(Run run) throws Exception {
        try {
            run.result().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IonException.class);
            return (IonException) e.getCause();
        }
        throw new AssertionError("the run succeeded");
    }
}
