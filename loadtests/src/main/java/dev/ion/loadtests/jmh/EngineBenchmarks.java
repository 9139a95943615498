package dev.ion.loadtests.jmh;

import dev.ion.engine.Engine;
import dev.ion.engine.Value;
import dev.ion.loadtests.Programs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Whole-script throughput of the engine on three classic micro-programs.
 *
 * <p>Every invocation creates a fresh {@link Engine}, compiles the source and runs it to
 * completion with {@link Engine#eval(String)}, so the figure includes compile time and
 * engine set-up. Both are tiny (well under a millisecond for these few-line scripts)
 * next to the run itself. Output is discarded. Each invocation checks the script's value,
 * so a misbehaving engine fails the benchmark instead of producing a fast wrong number.
 *
 * <pre>java -jar loadtests/target/benchmarks.jar EngineBenchmarks</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class EngineBenchmarks {
    static final int FIB_N = 30;
    static final long LOOP_N = 10_000_000L;
    static final long CONCAT_N = 100_000L;

    private static final String FIB = Programs.fib(FIB_N);
    private static final long FIB_VALUE = Programs.fibValue(FIB_N);
    private static final String LOOP = Programs.arithmeticLoop(LOOP_N);
    private static final long LOOP_VALUE = Programs.arithmeticLoopValue(LOOP_N);
    private static final String CONCAT = Programs.stringConcat(CONCAT_N);

    /** Recursive {@code fib(30)}: 2,692,537 Ion calls. */
    @Benchmark
    public Value fib30() {
        return run(FIB, FIB_VALUE);
    }

    /** 10^7 iterations of {@code acc = (acc + i * 3) % 1000003}. */
    @Benchmark
    public Value arithmeticLoop10M() {
        return run(LOOP, LOOP_VALUE);
    }

    /** 10^5 appends of {@code s = s + "x"}, then {@code s.len()}. */
    @Benchmark
    public Value stringConcat100K() {
        return run(CONCAT, CONCAT_N);
    }

    static Value run(String source, long expected) {
        Value v = new Engine().setOutputHandler(s -> { }).eval(source);
        if (v.asLong() != expected) {
            throw new IllegalStateException("script returned " + v.repr() + ", expected " + expected);
        }
        return v;
    }
}
