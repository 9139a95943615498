package dev.ion.engine;

import dev.ion.engine.conformance.HostFixtures;
import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every golden script (LANGUAGE.md §11): the project's own under
 * {@code src/test/resources/scripts} and the shared conformance corpus beside the repository.
 */
class GoldenScriptsTest {
    private static final Path OWN = Path.of("src/test/resources/scripts");
    private static final Path SHARED = Path.of("../../shared/conformance");

    @TestFactory
    Stream<DynamicTest> ownScripts() throws IOException {
        return scripts(OWN);
    }

    @TestFactory
    Stream<DynamicTest> sharedConformance() throws IOException {
        assertThat(SHARED).as("shared conformance corpus next to the repository").isDirectory();
        return scripts(SHARED);
    }

    private static Stream<DynamicTest> scripts(Path root) throws IOException {
        ScriptChecker checker = new ScriptChecker(HostFixtures::install);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".ion")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> {
            ScriptResult r = checker.check(p.toString(), Files.readString(p));
            assertThat(r.failures()).as(p.toString()).isEmpty();
        }));
    }
}
