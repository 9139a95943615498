package dev.ion.tier;

import dev.ion.engine.Limits;
import dev.ion.engine.conformance.Expectations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs the differential test compares, built the same way in both JVMs: every golden script with its own
 * limits, every seed of the engine's and the tier's fuzz tests with that test's limits, a few generated scripts too big for the tier, and the
 * fuel and memory sweeps of the tier's sweep scripts.
 */
final class Cases {
    /** What engine/sandbox/CompileAndRunFuzzTest runs its inputs with (a copy: engine test classes are not shared). */
    static final Limits FUZZ_LIMITS = Limits.builder()
            .fuel(10_000)
            .deadlineMs(1_000)
            .maxMemoryBytes(8L << 20)
            .maxOutputBytes(10_000)
            .maxTasks(50)
            .build();

    /**
     * What TierAgreementFuzzTest runs its inputs with: fuel bounds every run; there is no deadline to race, so
     * both runs stop at the same instruction.
     */
    static final Limits TIER_FUZZ_LIMITS = Limits.builder()
            .fuel(20_000)
            .deadlineMs(20_000)
            .maxMemoryBytes(8L << 20)
            .maxOutputBytes(10_000)
            .maxTasks(50)
            .build();

    static final Path FUEL_SWEEP = Corpus.TIER.resolve("sweep_fuel.ion");
    static final Path MEMORY_SWEEP = Corpus.TIER.resolve("sweep_memory.ion");
    /** The fuel sweep's limits: every value up to past the script's whole need (632), then a few large ones. */
    static final int FUEL_SWEEP_DENSE = 700;
    static final long[] FUEL_SWEEP_LARGE = {1_000, 10_000, 1_000_000};
    /** The memory sweep's limits: the script peaks at 6312 bytes unlimited; its six loops cross below that. */
    static final long MEMORY_SWEEP_FROM = 40;
    static final long MEMORY_SWEEP_TO = 6_400;
    static final long MEMORY_SWEEP_STEP = 8;

    private Cases() {
    }

    /** {@code all}, or {@code tier}: the tier's own golden scripts and the generated ones. */
    static List<ScriptCase> named(String set) {
        return switch (set) {
            case "all" -> all();
            case "tier" -> tier();
            default -> throw new IllegalArgumentException("no case set " + set);
        };
    }

    static List<ScriptCase> tier() {
        List<ScriptCase> cases = new ArrayList<>();
        for (Corpus.Script s : Corpus.scripts("tier", Corpus.TIER)) {
            String source = s.source();
            cases.add(new ScriptCase(s.name(), source, limitsOf(source)));
        }
        cases.addAll(generated());
        return cases;
    }

    static List<ScriptCase> all() {
        List<ScriptCase> cases = new ArrayList<>();
        for (Corpus.Script s : Corpus.goldenScripts()) {
            String source = s.source();
            cases.add(new ScriptCase(s.name(), source, limitsOf(source)));
        }
        for (Path seed : Corpus.fuzzSeeds(Corpus.FUZZ_SEEDS)) {
            cases.add(new ScriptCase("fuzz/" + seed.getFileName(), new String(read(seed), StandardCharsets.UTF_8),
                    FUZZ_LIMITS));
        }
        for (Path seed : Corpus.fuzzSeeds(Corpus.TIER_FUZZ_SEEDS)) {
            cases.add(new ScriptCase("tier-fuzz/" + seed.getFileName(), new String(read(seed), StandardCharsets.UTF_8),
                    TIER_FUZZ_LIMITS));
        }
        cases.addAll(generated());
        String fuel = new String(read(FUEL_SWEEP), StandardCharsets.UTF_8);
        for (long f = 1; f <= FUEL_SWEEP_DENSE; f++) cases.add(fuelCase(fuel, f));
        for (long f : FUEL_SWEEP_LARGE) cases.add(fuelCase(fuel, f));
        String memory = new String(read(MEMORY_SWEEP), StandardCharsets.UTF_8);
        for (long m = MEMORY_SWEEP_FROM; m <= MEMORY_SWEEP_TO; m += MEMORY_SWEEP_STEP) {
            cases.add(new ScriptCase("sweep/max_memory_bytes=" + m, memory, Limits.unlimited().with("max_memory_bytes", m)));
        }
        return cases;
    }

    /**
     * Functions too big for the tier: a loop whose body alone passes the JVM's 64 KB method limit, and a script
     * with 1500 small loops whose method does too (the compiler declines both and they run interpreted), beside
     * one with 200 loops that still compile.
     */
    static List<ScriptCase> generated() {
        StringBuilder huge = new StringBuilder("let mut n = 0\nfor i in 0..3 {\n");
        for (int k = 0; k < 3000; k++) huge.append("    n = n + i * ").append(k % 7 + 1).append('\n');
        huge.append("}\nprint(n)\n");
        return List.of(new ScriptCase("generated/huge_loop_body", huge.toString(), Limits.unlimited()),
                new ScriptCase("generated/loops_200", manyLoops(200), Limits.unlimited()),
                new ScriptCase("generated/loops_1500", manyLoops(1500), Limits.unlimited()));
    }

    private static String manyLoops(int count) {
        StringBuilder sb = new StringBuilder("let mut n = 0\n");
        for (int k = 0; k < count; k++) {
            sb.append("for i in 0..").append(k % 5 + 1).append(" { n = n + i * ").append(k).append(" }\n");
        }
        return sb.append("print(n)\n").toString();
    }

    private static ScriptCase fuelCase(String source, long fuel) {
        return new ScriptCase("sweep/fuel=" + fuel, source, Limits.unlimited().with("fuel", fuel));
    }

    /** The script's {@code // limits:} line; unlimited when it has none or its expectations do not parse. */
    private static Limits limitsOf(String source) {
        try {
            return Expectations.parse(source).limits();
        } catch (IllegalArgumentException e) {
            return Limits.unlimited();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
