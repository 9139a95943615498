package dev.ion.server;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts in the repository's examples/ print exactly what their {@code .out} files hold when run the way
 * their own "Run it with" line says (with {@code --input-file NAME.in} when they read the client's input), so the
 * examples the playground's menu and the docs show cannot drift from what the engine does.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern TITLE = Pattern.compile("// \\S.*");
    private static final Pattern RUN_LINE = Pattern.compile("// Run it with: \\./ion run examples/(\\S+\\.ion)((?: \\S+)*)");
    private static final int MAX_LINES = 45;

    @Test
    void thereAreAtLeastTwentyExamples() throws IOException {
        assertThat(scripts()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyInputAndOutputFileBelongsToAScript() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".ion")).toList()) {
                String name = p.getFileName().toString();
                assertThat(name).as(p.toString()).matches(".+\\.(in|out)");
                assertThat(EXAMPLES.resolve(name.replaceFirst("\\.(in|out)$", ".ion"))).as("the script of " + p).exists();
            }
        }
    }

    @Test
    void gettingStartedListsEveryExampleWithItsTitle() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "GETTING-STARTED.md"), StandardCharsets.UTF_8);
        for (Path p : scripts()) {
            String name = p.getFileName().toString();
            String title = Files.readAllLines(p, StandardCharsets.UTF_8).get(0).substring(3);
            assertThat(guide).as("docs/GETTING-STARTED.md, the examples table")
                    .contains("| [`" + name + "`](../examples/" + name + ") | " + title + " |");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePrintsItsOutFile() throws IOException {
        return scripts().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".ion")).sorted().toList();
        }
    }

    private static void check(Path script) throws IOException {
        String file = script.getFileName().toString();
        String base = file.substring(0, file.length() - ".ion".length());
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        assertThat(lines.size()).as(file + ": lines").isBetween(3, MAX_LINES);
        assertThat(lines.get(0)).as(file + ": the first line is the title comment").matches(TITLE);
        Matcher run = RUN_LINE.matcher(lines.get(1));
        assertThat(run.matches()).as(file + ": the second line is '// Run it with: ./ion run examples/" + file + "'")
                .isTrue();
        assertThat(run.group(1)).as(file + ": the run line names the script itself").isEqualTo(file);

        List<String> options = new ArrayList<>(Arrays.asList(run.group(2).strip().split(" ")));
        options.removeIf(String::isEmpty);
        Path input = EXAMPLES.resolve(base + ".in");
        if (Files.exists(input)) {
            assertThat(String.join(" ", options)).as(file + ": its run line feeds " + base + ".in")
                    .contains("--input-file examples/" + base + ".in");
        } else {
            assertThat(options).as(file + ": --input-file without a .in file").doesNotContain("--input-file");
        }
        Path expected = EXAMPLES.resolve(base + ".out");
        assertThat(expected).as(file + ": its expected output " + base + ".out").exists();

        List<String> args = new ArrayList<>(List.of("run", "--limit", "deadline_ms=60000", script.toString()));
        for (String o : options) args.add(o.startsWith("examples/") ? EXAMPLES.resolve(o.substring(9)).toString() : o);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.err()).as(file + ": stderr").isEmpty();
        assertThat(r.code()).as(file + ": exit code").isZero();
        assertThat(r.out()).as(file + ": stdout against " + base + ".out")
                .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
