package dev.ion.loadtests;

import dev.ion.engine.Engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The 10^5 → 10^6 growth ratio of one collection-building script, measured so that a noisy
 * machine disturbs both sizes alike: each round times ten 10^5 builds, one 10^6 build and
 * ten 10^5 builds again, and the median of the rounds' ratios is printed. Use it to compare
 * two variants of a structure; {@code CollectionGrowthBenchmarks} gives the figures to record.
 *
 * <pre>java -XX:+UseParallelGC -cp loadtests/target/benchmarks.jar dev.ion.loadtests.GrowthRatio dictInsert 15</pre>
 */
public final class GrowthRatio {
    private static final int WARM_UP_ROUNDS = 3;

    private GrowthRatio() {
    }

    public static void main(String[] args) {
        String program = args.length > 0 ? args[0] : "dictInsert";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        LongFunction<String> source = switch (program) {
            case "dictInsert" -> Programs::dictInsert;
            case "listPush" -> Programs::listPush;
            case "stringConcat" -> Programs::stringConcat;
            case "bytesPush" -> Programs::bytesPush;
            default -> throw new IllegalArgumentException(
                    "unknown program '" + program + "' (dictInsert, listPush, stringConcat or bytesPush)");
        };
        Build small = new Build(source.apply(100_000), 100_000);
        Build large = new Build(source.apply(1_000_000), 1_000_000);
        List<Double> ratios = new ArrayList<>();
        List<Double> smallMs = new ArrayList<>();
        List<Double> largeMs = new ArrayList<>();
        for (int r = 0; r < WARM_UP_ROUNDS + rounds; r++) {
            double before = millis(small, 10) / 10;
            double big = millis(large, 1);
            double perSmall = (before + millis(small, 10) / 10) / 2;
            if (r < WARM_UP_ROUNDS) continue;
            ratios.add(big / perSmall);
            smallMs.add(perSmall);
            largeMs.add(big);
            System.out.printf("round %d: %.2f ms, %.1f ms, %.2fx%n", r - WARM_UP_ROUNDS + 1, perSmall, big, big / perSmall);
        }
        Collections.sort(ratios);
        Collections.sort(smallMs);
        Collections.sort(largeMs);
        System.out.printf("%s: median 10^5 %.2f ms, 10^6 %.1f ms, ratio %.2fx (quartiles %.2f-%.2f)%n", program,
                smallMs.get(rounds / 2), largeMs.get(rounds / 2), ratios.get(rounds / 2), ratios.get(rounds / 4),
                ratios.get(3 * rounds / 4));
    }

    /** A script and the length of what it builds (its value). */
    private record Build(String source, long length) {
    }

    private static double millis(Build build, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            long length = new Engine().setOutputHandler(text -> { }).eval(build.source).asLong();
            if (length != build.length) throw new IllegalStateException("built " + length + ", expected " + build.length);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
