package dev.ion.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts in the repository's examples/ keep working. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void helloPrintsAGreeting() {
        Cli.Result r = Cli.run("run", EXAMPLES.resolve("hello.ion").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Hello from Ion!\n");
    }

    @Test
    void everyExampleRunsCleanly() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            scripts = s.filter(p -> p.toString().endsWith(".ion")).sorted().toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
        for (Path p : scripts) {
            Cli.Result r = Cli.run("run", "--limit", "deadline_ms=30000", p.toString());
            assertThat(r.code()).as(p + ": " + r.err()).isZero();
            assertThat(r.out()).as(p.toString()).isNotBlank();
        }
    }
}
