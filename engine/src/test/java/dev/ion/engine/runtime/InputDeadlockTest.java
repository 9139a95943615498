package dev.ion.engine.runtime;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An open input channel keeps a run alive only while some task is parked receiving from it:
 * a run whose tasks all wait on things nothing outside can feed fails at once with the
 * deadlock error, open input or not (LANGUAGE.md §10).
 */
class InputDeadlockTest {
    /** Far beyond what any of these runs needs: reaching it means deadlock detection did not fire. */
    private static final long DEADLINE_MS = 60_000;

    /**
     * Runs {@code source} with an open input channel named {@code input} on a loop driven by this
     * thread; {@code onPrint} gets each printed line and the channel (it runs on the loop).
     */
    private static Value run(String source, BiConsumer<String, InputChannel> onPrint) throws Exception {
        SingleThreadLoop loop = new SingleThreadLoop();
        Run[] run = new Run[1];
        InputChannel[] input = new InputChannel[1];
        loop.execute(() -> {
            run[0] = new Engine().setLimits(Limits.builder().deadlineMs(DEADLINE_MS).build())
                    .setOutputHandler(text -> onPrint.accept(text.strip(), input[0]))
                    .start(source, loop, RunListener.NONE);
            input[0] = run[0].inputChannel("input", 4);
        });
        loop.runUntil(() -> run[0] != null && run[0].result().isDone());
        try {
            return run[0].result().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static IonException failure(String source) {
        Throwable t = catchThrowable(() -> run(source, (line, input) -> { }));
        assertThat(t).isInstanceOf(IonException.class);
        return (IonException) t;
    }

    @Test
    void waitingOnAnInternalChannelIsADeadlockWhileTheInputIsOpen() {
        IonException e = failure("let (tx, rx) = channel(1); rx.recv()");
        assertThat(e.kind()).isEqualTo(ErrorKind.RUNTIME);
        assertThat(e.getMessage()).startsWith("deadlock: every task is waiting and nothing can wake them")
                .contains("main task waits on channel");
    }

    @Test
    void tasksWaitingOnEachOtherAreADeadlockWhileTheInputIsOpen() {
        IonException e = failure("""
                let (tx, rx) = channel(1);
                async { let h = spawn rx.recv(); h.await }""");
        assertThat(e.getMessage()).startsWith("deadlock");
    }

    @Test
    void receivingFromTheOpenInputWaitsForAValue() throws Exception {
        Value v = run("print(\"waiting\"); input.recv()", (line, input) -> input.offer(Value.of(42)));
        assertThat(v.repr()).isEqualTo("Some(42)");
    }

    @Test
    void aTaskOnTheInputKeepsATaskOnAnInternalChannelAlive() throws Exception {
        Value v = run("""
                let (tx, rx) = channel(1);
                async {
                    spawn { let v = input.recv(); tx.send(v); };
                    print("ready");
                    rx.recv()
                }""", (line, input) -> input.offer(Value.of(7)));
        assertThat(v.repr()).isEqualTo("Some(Some(7))");
    }

    @Test
    void aSelectArmOnTheInputIsAWayOut() throws Exception {
        Value v = run("""
                let (tx, rx) = channel(1);
                print("ready");
                select {
                    Some(x) = input.recv() => x + 1,
                    _ = rx.recv() => 0,
                }""", (line, input) -> input.offer(Value.of(1)));
        assertThat(v.asLong()).isEqualTo(2);
    }

    @Test
    void aClosedInputIsADeadlockSourceLikeAnyChannel() throws Exception {
        IonException e = (IonException) catchThrowable(() -> run("""
                let (tx, rx) = channel(1);
                print("close");
                rx.recv()""", (line, input) -> input.close()));
        assertThat(e.getMessage()).startsWith("deadlock");
        Value drained = run("print(\"close\"); input.recv()", (line, input) -> input.close());
        assertThat(drained.repr()).isEqualTo("None");
    }
}
