package dev.ion.loadtests.jmh;

import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
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
 * add to any hash table of that size on this machine. {@link #dictValueInsert} makes the
 * same inserts into Ion's dict without the interpreter, separating the structure's own
 * growth from the script's.
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

    /** The same inserts into Ion's dict directly, without the interpreter around them. */
    @Benchmark
    public DictValue dictValueInsert() {
        DictValue d = DictValue.EMPTY;
        for (long i = 0; i < n; i++) d = d.insert(String.valueOf(i), IntValue.of(i));
        return d;
    }
}
