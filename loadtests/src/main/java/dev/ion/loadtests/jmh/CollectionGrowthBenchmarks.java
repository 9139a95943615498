package dev.ion.loadtests.jmh;

import dev.ion.engine.Value;
import dev.ion.loadtests.Programs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How the cost of building a collection one element at a time grows with its size.
 *
 * <p>Ion collections are immutable values ({@code xs.push(x)} returns a new list), so a
 * naive implementation copies on every step and building n elements is O(n^2). Comparing
 * n = 10^5 with n = 10^6 shows it: a linear (amortised O(1) per step) structure takes about
 * 10x longer for 10x the elements, a quadratic one about 100x. docs/PERFORMANCE.md
 * records the ratios; the target is at most about 12x.
 *
 * <p>Like {@link EngineBenchmarks}, each invocation compiles and runs the script in a fresh
 * engine and checks its value (the final length). The forked JVM gets the flags {@code ./ion
 * serve} runs the server with: the collector matters in the 10^6 dict case, which takes about
 * 1.5x as long under the JVM's default G1 (docs/PERFORMANCE.md).
 *
 * <pre>java -jar loadtests/target/benchmarks.jar CollectionGrowthBenchmarks</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CollectionGrowthBenchmarks {
    @Param({"100000", "1000000"})
    public long n;

    private String listPush;
    private String dictInsert;
    private String stringConcat;
    private String bytesPush;

    @Setup
    public void setUp() {
        listPush = Programs.listPush(n);
        dictInsert = Programs.dictInsert(n);
        stringConcat = Programs.stringConcat(n);
        bytesPush = Programs.bytesPush(n);
    }

    /** {@code xs = xs.push(i)}, n times. */
    @Benchmark
    public Value listPush() {
        return EngineBenchmarks.run(listPush, n);
    }

    /** {@code d = d.insert(str(i), i)}, n times (includes n int-to-string conversions). */
    @Benchmark
    public Value dictInsert() {
        return EngineBenchmarks.run(dictInsert, n);
    }

    /** {@code s = s + "x"}, n times. */
    @Benchmark
    public Value stringConcat() {
        return EngineBenchmarks.run(stringConcat, n);
    }

    /** {@code b = b.push(i % 256)}, n times. */
    @Benchmark
    public Value bytesPush() {
        return EngineBenchmarks.run(bytesPush, n);
    }
}
