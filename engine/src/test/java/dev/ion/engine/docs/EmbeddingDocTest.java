package dev.ion.engine.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/EMBEDDING.md shows exactly the regions of {@link EmbeddingExamples} (each {@code ```java region=NAME}
 * block is that region, and every region is shown), and those examples compute what their comments state.
 */
class EmbeddingDocTest {
    private static final Path DOC = Path.of("../docs/EMBEDDING.md");
    private static final Path CODE = Path.of("src/test/java/dev/ion/engine/docs/EmbeddingExamples.java");
    private static final Pattern FENCE = Pattern.compile("```java region=(\\S+)\\s*");
    private static final Pattern REGION = Pattern.compile("\\s*// region (\\S+)\\s*");

    @Test
    void theDocumentShowsEveryRegionOfTheExamplesVerbatim() throws IOException {
        Map<String, String> shown = docBlocks();
        Map<String, String> code = regions();
        assertThat(code).hasSizeGreaterThanOrEqualTo(7);
        assertThat(shown.keySet()).as("the regions docs/EMBEDDING.md shows").containsExactlyElementsOf(code.keySet());
        for (var region : code.entrySet()) {
            assertThat(shown.get(region.getKey())).as("docs/EMBEDDING.md, region " + region.getKey()
                    + " (copy it from EmbeddingExamples.java)").isEqualTo(region.getValue());
        }
    }

    @Test
    void everyJavaBlockOfTheDocumentIsARegion() throws IOException {
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("```java")) assertThat(line).as("docs/EMBEDDING.md").matches(FENCE);
        }
    }

    @Test
    void quickStartPrintsAndReturns() {
        assertThat(EmbeddingExamples.quickStart()).containsExactly("3 languages\n", 14L);
    }

    @Test
    void limitsAndErrorsGiveKindPositionAndMessage() {
        assertThat(EmbeddingExamples.limitsAndErrors()).containsExactly(
                "limit at 1:1: limit exceeded: fuel (100000)",
                "runtime at 1:1: index out of bounds: index 5 but length is 2",
                "parse at 1:12: unexpected end of input");
    }

    @Test
    void valuesConvertBothWays() {
        assertThat(EmbeddingExamples.values()).containsExactly("dict", "#{\"a\": [1, 2.5, None]}",
                "(1, [2, 3], #{\"k\": None}, Some(x))", "(1, [2, 3], #{\"k\": None}, Some(\"x\"))",
                "[1, [2, 3], {k=null}, x]", "[1,[2,3],{\"k\":null},\"x\"]");
    }

    @Test
    void hostFunctionsAreCalledLikeBuiltins() {
        assertThat(EmbeddingExamples.hostFunctions())
                .containsExactly("error: no such product: cap\nstock of ink: 30\n", "18.0 EUR");
    }

    @Test
    void hostTypesAreBuiltAndMatched() {
        assertThat(EmbeddingExamples.hostTypes()).containsExactly("(Point { x: 0, y: 0 }, [3, 12, 0])");
    }

    @Test
    void aRunOnTheEmbeddersLoopTakesInputAndReportsEvents() throws Exception {
        assertThat(EmbeddingExamples.runOnALoop()).containsExactly(42L,
                List.of("recv 20", "output running total 20", "recv 22", "output running total 42"), true, 1);
    }

    @Test
    void cancellingARunFailsItsResultWithKindCancelled() throws Exception {
        assertThat(EmbeddingExamples.cancel()).containsExactly(true);
    }

    private static Map<String, String> docBlocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FENCE.matcher(lines.get(i));
            if (!m.matches()) continue;
            StringBuilder sb = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) sb.append(lines.get(i)).append('\n');
            assertThat(blocks.put(m.group(1), sb.toString())).as("region " + m.group(1) + " shown twice").isNull();
        }
        return blocks;
    }

    /** Every region of the examples, its lines without the indentation they share. */
    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(CODE, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = REGION.matcher(lines.get(i));
            if (!m.matches()) continue;
            int start = i + 1;
            while (!lines.get(i).strip().equals("// endregion")) i++;
            List<String> body = lines.subList(start, i);
            int indent = body.stream().filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            StringBuilder sb = new StringBuilder();
            for (String l : body) sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
            regions.put(m.group(1), sb.toString());
        }
        return regions;
    }
}
