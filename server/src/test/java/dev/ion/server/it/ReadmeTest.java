package dev.ion.server.it;

import org.junit.jupiter.api.Test;

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
}
