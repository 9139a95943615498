package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Implementation;
import dev.ion.loadtests.compare.Runner;
import dev.ion.loadtests.compare.Workload;
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
 * One workload of the cross-language comparison (issue 18, item 3) on every implementation:
 * the subclass names the {@link Workload}, the {@code impl} parameter the implementation, so
 * one JMH run of the {@code compare} package gives the whole table. The trial's set-up loads
 * the program and runs it once against the expected value, so a wrong implementation fails
 * instead of reporting a fast wrong number; each invocation then runs the whole program.
 *
 * <pre>java -jar loadtests/target/benchmarks.jar 'compare\.' -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public abstract class Comparison {
    @Param({"ion", "luaj", "luajc", "rhino-interpreted", "rhino-compiled", "java"})
    public String impl;

    private Runner runner;

    /** The program this class compares. */
    protected abstract Workload workload();

    @Setup
    public void prepare() {
        Workload w = workload();
        runner = Implementation.byId(impl).prepareChecked(w, w.benchmarkSize());
    }

    @Benchmark
    public long run() {
        return runner.run();
    }
}
