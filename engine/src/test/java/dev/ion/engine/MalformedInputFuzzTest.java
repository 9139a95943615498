package dev.ion.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded generator of hostile sources: random bytes, mutations of real scripts,
 * extreme nesting and literals. The engine may only ever throw {@link IonException}.
 */
class MalformedInputFuzzTest {
    private static final Limits SMALL = Limits.builder().fuel(20_000).deadlineMs(2_000).maxMemoryBytes(8 << 20)
            .maxOutputBytes(10_000).maxTasks(50).build();

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        for (String open : List.of("(", "[", "{", "#{", "-", "!", "f\"{", "if x {", "|x| ")) {
            String src = open.repeat(100_000);
            assertOnlyIonException(src);
            assertThat(compileError(src).kind()).isIn(ErrorKind.PARSE, ErrorKind.LEX);
        }
    }

    @Test
    void nestingBelowTheBoundCompiles() {
        new Engine().check("(".repeat(400) + "1" + ")".repeat(400));
        assertThat(new Engine().eval("[".repeat(300) + "]".repeat(300)).repr()).startsWith("[[[");
    }

    @Test
    void hugeLiteralsAndUnterminatedTokens() {
        for (String src : List.of("9".repeat(10_000), "\"" + "a".repeat(100_000), "b\"\\x", "f\"{", "\"\"\"abc",
                "1." + "0".repeat(5000), "'", "#", "\\u{110000}", "\"\\u{d800}\"", "0..", "..", "let", "fn (")) {
            assertOnlyIonException(src);
        }
    }

    @Test
    void randomAndMutatedSourcesOnlyEverThrowIonExceptions() throws Exception {
        Random random = new Random(42);
        List<String> corpus = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/scripts"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ion")).sorted().toList()) {
                corpus.add(Files.readString(p));
            }
        }
        String alphabet = "(){}[]#|&!?.,:;=<>+-*/%^'\"\\ \n\tfnletmutifelsematchforinwhileloopasyncspawnselect0123456789_xyz";
        for (int i = 0; i < 3000; i++) {
            String src;
            switch (i % 3) {
                case 0 -> {
                    byte[] bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                    src = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                case 1 -> {
                    StringBuilder sb = new StringBuilder();
                    int n = random.nextInt(120);
                    for (int k = 0; k < n; k++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    src = sb.toString();
                }
                default -> src = mutate(corpus.get(random.nextInt(corpus.size())), random);
            }
            assertOnlyIonException(src);
        }
    }

    private static String mutate(String s, Random random) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, "(){}[]\"|;,.-!".charAt(random.nextInt(13)));
                default -> {
                    int len = Math.min(sb.length() - at, random.nextInt(20));
                    sb.insert(at, sb.substring(at, at + len));
                }
            }
        }
        return sb.toString();
    }

    private static void assertOnlyIonException(String src) {
        Engine engine = new Engine().setLimits(SMALL).setOutputHandler(text -> { });
        try {
            engine.evalAsync(src).get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof IonException)) fail("non-Ion failure for source:\n" + src, e.getCause());
        } catch (IonException e) {
            // expected: compile errors are thrown directly
        } catch (java.util.concurrent.TimeoutException e) {
            fail("hang for source:\n" + src);
        } catch (Throwable t) {
            fail("non-Ion failure for source:\n" + src, t);
        }
    }

    private static IonException compileError(String src) {
        try {
            new Engine().check(src);
        } catch (IonException e) {
            return e;
        }
        throw new AssertionError("no error for deep nesting");
    }
}
