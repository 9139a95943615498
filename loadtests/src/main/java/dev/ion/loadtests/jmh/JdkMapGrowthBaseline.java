package dev.ion.loadtests.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform's baseline for {@link CollectionGrowthBenchmarks#dictInsert}: the same
 * n inserts of fresh string keys into a {@code java.util.LinkedHashMap}. How much more
 * than 10x the 10^6 case takes here shows what the memory hierarchy and the collector
 * add to any hash table of that size on this machine.
 *
 * <pre>java -jar loadtests/target/benchmarks.jar JdkMapGrowthBaseline -jvmArgsAppend "-XX:+UseParallelGC -Xmx2g"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class JdkMapGrowthBaseline {
    @Param({"100000", "1000000"})
    public long n;

    @Benchmark
    public Map<String, Long> linkedHashMapPut() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) m.put(String.valueOf(i), i);
        return m;
    }
}
