package dev.ion.engine;

import dev.ion.engine.runtime.SingleThreadLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A script compiled once by {@link Engine#prepare} runs many times, also at once on several threads, each run on its own. */
class PreparedScriptTest {
    private static Value run(Engine engine, Script script) {
        SingleThreadLoop loop = new SingleThreadLoop();
        Run run = engine.start(script, loop, RunListener.NONE);
        loop.runUntil(() -> run.result().isDone());
        return run.result().join();
    }

    @Test
    void runsOfOneScriptDoNotSeeEachOther() {
        String source = """
                let mut b = b"abc"
                let mut s = "x"
                let mut xs = [1]
                let mut i = 0
                while i < 100 { b = b.push(i % 256); s = s + "y"; xs = xs.push(i); i += 1 }
                (b.len(), s.len(), xs.len(), b.slice(0, 4))
                """;
        Script script = new Engine().prepare(source);
        Value first = run(new Engine(), script);
        for (int i = 0; i < 5; i++) assertThat(run(new Engine(), script).repr()).isEqualTo(first.repr());
        assertThat(first.repr()).isEqualTo(new Engine().eval(source).repr()).startsWith("(103, 101, 101, ");
    }

    /**
     * A bytes literal is a constant of the compiled code; were appends to it made in place,
     * runs on other threads would write into each other's bytes.
     */
    @Test
    void concurrentRunsAppendingToTheSameLiteralKeepTheirOwnBytes() throws Exception {
        Script script = new Engine().prepare("""
                fn build(seed) {
                    let mut b = b"\\x00"
                    let mut i = 0
                    while i < 2000 { b = b.push((seed + i) % 256); i += 1 }
                    b
                }
                let b = build(input.recv().unwrap())
                let mut ok = true
                let mut i = 0
                while i < 2000 { if b[i + 1] != (b[1] + i) % 256 { ok = false }; i += 1 }
                ok
                """);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Value>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    SingleThreadLoop loop = new SingleThreadLoop();
                    Run run = new Engine().start(script, loop, RunListener.NONE);
                    InputChannel in = run.inputChannel("input", 1);
                    in.offer(Value.of(seed));
                    loop.runUntil(() -> run.result().isDone());
                    return run.result().join();
                }));
            }
            for (Future<Value> f : results) assertThat(f.get().repr()).isEqualTo("true");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void compileErrorsComeFromPrepare() {
        assertThatThrownBy(() -> new Engine().prepare("1 +")).isInstanceOf(IonException.class)
                .satisfies(e -> assertThat(((IonException) e).isCompileError()).isTrue());
    }

    @Test
    void aScriptNamingAHostRegistrationRunsOnlyOnItsEngine() {
        Engine host = new Engine().registerFn("twice", args -> Value.of(2 * args.get(0).asLong()));
        Script script = host.prepare("twice(21)");
        assertThat(script.portable()).isFalse();
        assertThat(run(host, script).repr()).isEqualTo("42");
        assertThatThrownBy(() -> run(new Engine(), script)).isInstanceOf(IllegalArgumentException.class);
        Engine other = new Engine().registerFn("twice", args -> Value.of(0));
        assertThatThrownBy(() -> run(other, script)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScriptNamingNoHostRegistrationRunsOnAnyEngine() {
        Engine host = new Engine().registerFn("twice", args -> Value.of(2 * args.get(0).asLong()));
        Script script = host.prepare("21 * 2");
        assertThat(script.portable()).isTrue();
        assertThat(run(new Engine(), script).repr()).isEqualTo("42");
        Engine other = new Engine().registerFn("twice", args -> Value.of(0));
        assertThat(run(other, new Engine().prepare("1")).repr()).isEqualTo("1");
    }
}
