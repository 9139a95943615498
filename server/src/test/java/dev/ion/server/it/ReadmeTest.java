package dev.ion.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fenced blocks of a document become files, commands and WebSocket sessions. */
class ReadmeTest {
    @Test
    void readsFilesTranscriptsScriptsAndSessions() {
        Readme readme = Readme.parse("""
                ```sh
                ./ion serve
                ```

                Prose.

                ```ion file=conf/a.ion
                print(1)
                ```

                ```
                $ ./ion run conf/a.ion
                1
                $ curl -s localhost:8080/x \\
                    -d '{}'
                {"ok":true}
                ```

                ```sh
                echo one
                echo two
                ```

                ```
                one
                …
                ```

                ```
                $ websocat ws://127.0.0.1:8080/v1/ws
                {"type":"ping"}
                {"type":"pong","seq":0}
                ```
                """.lines().toList());
        assertThat(readme.fixtures()).containsExactly(new Readme.Fixture(7, "conf/a.ion", "print(1)\n"));
        assertThat(readme.examples()).containsExactly(
                new Readme.Command(12, "./ion run conf/a.ion", List.of("1")),
                new Readme.Command(14, "curl -s localhost:8080/x \\\n    -d '{}'", List.of("{\"ok\":true}")),
                new Readme.Command(19, "echo one\necho two", List.of("one", "…")),
                new Readme.WebSocketSession(30, "ws://127.0.0.1:8080/v1/ws",
                        List.of("{\"type\":\"ping\"}", "{\"type\":\"pong\",\"seq\":0}")));
    }

    @Test
    void headingsBecomeGitHubAnchors() {
        assertThat(MarkdownLinks.slug(" 9. Errors")).isEqualTo("9-errors");
        assertThat(MarkdownLinks.slug(" `ion serve`: the server")).isEqualTo("ion-serve-the-server");
        assertThat(MarkdownLinks.slug(" Metrics (`/metrics`)")).isEqualTo("metrics-metrics");
        assertThat(MarkdownLinks.slug(" 3. WebSocket `/v1/ws`")).isEqualTo("3-websocket-v1ws");
    }

    @Test
    void brokenLinksAreFoundAndWebLinksAndCodeAreLeftAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("B.md"), "# B\n\n## 2. Two parts\n");
        Path a = dir.resolve("A.md");
        Files.writeString(a, String.join("\n",
                "[ok](B.md) [ok](B.md#2-two-parts) [ok](#a) [web](https://example.com/x.md)",
                "[gone](C.md)",
                "[bad anchor](B.md#two-parts)",
                "```",
                "[in code](D.md)",
                "```", ""));
        Files.writeString(a, "# A\n" + Files.readString(a));
        assertThat(MarkdownLinks.broken(dir, List.of(a))).containsExactly(
                "A.md:3: C.md: no such file", "A.md:4: B.md#two-parts: no heading with this anchor");
    }
}
