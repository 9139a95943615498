package dev.ion.tier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the tier's tests find their scripts, relative to the tier module's directory (Maven's working
 * directory for its tests): the shared conformance corpus beside the repository, the engine's golden
 * scripts (hostile ones included), the tier's own golden scripts and the engine's and the tier's fuzz seeds.
 */
final class Corpus {
    static final Path SHARED = Path.of("../../shared/conformance");
    static final Path ENGINE = Path.of("../engine/src/test/resources/scripts");
    static final Path TIER = Path.of("src/test/resources/scripts");
    static final Path FUZZ_SEEDS = Path.of("../engine/src/test/resources/dev/ion/engine/sandbox/CompileAndRunFuzzTestInputs");
    static final Path TIER_FUZZ_SEEDS = Path.of("src/test/resources/dev/ion/tier/TierAgreementFuzzTestInputs");

    private Corpus() {
    }

    /** A golden script, named by its corpus and its path in it. */
    record Script(String name, Path path) {
        String source() {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every golden script of the three corpora, in a stable order. */
    static List<Script> goldenScripts() {
        List<Script> all = new ArrayList<>();
        all.addAll(scripts("shared", SHARED));
        all.addAll(scripts("engine", ENGINE));
        all.addAll(scripts("tier", TIER));
        return all;
    }

    static List<Script> scripts(String corpus, Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no " + corpus + " scripts at " + root.toAbsolutePath().normalize());
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".ion")).sorted()
                    .map(p -> new Script(corpus + "/" + root.relativize(p).toString().replace('\\', '/'), p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fuzz test's seed inputs ({@link #FUZZ_SEEDS} or {@link #TIER_FUZZ_SEEDS}), as files. */
    static List<Path> fuzzSeeds(Path dir) {
        try (Stream<Path> walk = Files.list(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
