package dev.ion.server.client;

import dev.ion.server.testing.LiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/CLIENT.md true: every example it shows is a Java file of
 * {@code dev.ion.server.client.examples} (so the build compiles it), shown verbatim after
 * the link to that file, and the output shown after it ("It prints:") is what its
 * {@code main} prints against a real server.
 */
class ClientDocTest {
    private static final Path DOC = Path.of("..", "docs", "CLIENT.md");
    private static final Path EXAMPLES = Path.of("src", "test", "java", "dev", "ion", "server", "client", "examples");
    private static final Pattern LINK = Pattern.compile(
            "\\]\\(\\.\\./server/src/test/java/dev/ion/server/client/examples/(\\w+)\\.java\\)");

    /** One example of the doc: its class, the code shown, the output shown (null when none), and its line. */
    record Example(String name, String code, String output, int line) {
    }

    static LiveServer live;

    @BeforeAll
    static void start() {
        live = new LiveServer();
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    static List<Example> examples(List<String> lines) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINK.matcher(lines.get(i));
            if (!m.find()) continue;
            int open = next(lines, i + 1);
            if (open < 0 || !lines.get(open).equals("```java")) continue;
            int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
            String code = String.join("\n", lines.subList(open + 1, close)) + "\n";
            String output = null;
            int says = next(lines, close + 1);
            if (says >= 0 && lines.get(says).equals("It prints:")) {
                int o = next(lines, says + 1);
                int end = lines.subList(o + 1, lines.size()).indexOf("```") + o + 1;
                output = String.join("\n", lines.subList(o + 1, end)) + "\n";
            }
            out.add(new Example(m.group(1), code, output, i + 1));
        }
        return out;
    }

    private static int next(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) if (!lines.get(i).isBlank()) return i;
        return -1;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsTheFileItNamesAndPrintsWhatTheDocShows() throws IOException {
        List<Example> examples = examples(Files.readAllLines(DOC, StandardCharsets.UTF_8));
        assertThat(examples).extracting(Example::name).contains("StreamRecv", "RunScript", "SendInput", "FollowEvents");
        return examples.stream().map(e -> DynamicTest.dynamicTest("CLIENT.md:" + e.line() + " " + e.name(), () -> {
            String file = Files.readString(EXAMPLES.resolve(e.name() + ".java"), StandardCharsets.UTF_8);
            assertThat(e.code()).as("CLIENT.md:%d shows %s.java verbatim", e.line(), e.name()).isEqualTo(file);
            if (e.output() != null) assertThat(run(e.name())).as("what %s prints", e.name()).isEqualTo(e.output());
        }));
    }

    /** Runs {@code examples.NAME.main(url)} and returns what it printed. */
    private static String run(String name) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Class.forName("dev.ion.server.client.examples." + name).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {live.url()});
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
