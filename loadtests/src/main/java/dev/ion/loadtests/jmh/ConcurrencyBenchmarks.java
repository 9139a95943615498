package dev.ion.loadtests.jmh;

import dev.ion.engine.Engine;
import dev.ion.engine.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Costs of the concurrency runtime per operation: one channel hop between two tasks,
 * and one spawn + await. Each invocation runs a script doing {@link #OPS} operations, so
 * the reported time is per operation (script set-up amortised over all of them).
 *
 * <pre>java -jar loadtests/target/benchmarks.jar ConcurrencyBenchmarks</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ConcurrencyBenchmarks {
    static final int OPS = 200_000;

    /** Two tasks bounce a value over two capacity-1 channels: 2 hops per round. */
    private static final String PING_PONG = """
            let (to_b, b_rx) = channel(1);
            let (to_a, a_rx) = channel(1);
            async {
                spawn { while let Some(v) = b_rx.recv() { to_a.send(v + 1); } to_a.close(); };
                let mut v = 0;
                for i in 0..%d { to_b.send(v); v = a_rx.recv().unwrap(); }
                to_b.close();
                v
            }
            """.formatted(OPS / 2);

    private static final String SPAWN_AWAIT = """
            fn one() { 1 }
            async {
                let mut total = 0;
                for i in 0..%d { total += (spawn one()).await; }
                total
            }
            """.formatted(OPS);

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Value channelHop() {
        return check(new Engine().eval(PING_PONG), OPS / 2);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Value spawnAndAwait() {
        return check(new Engine().eval(SPAWN_AWAIT), OPS);
    }

    private static Value check(Value v, long expected) {
        if (v.asLong() != expected) throw new IllegalStateException("wrong result " + v.repr());
        return v;
    }
}
