package dev.ion.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A log line is one JSON object on one line: escape codes and newlines in fields are escaped, never written raw. */
class JsonLogTest {
    @Test
    void controlCharactersInFieldsAreEscaped() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        log.info("\u001b[31mred\u001b[0m", "path", "/v1/\u001b[2J\nx", "status", 200);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b").endsWith("\n");
        assertThat(text.strip().lines()).hasSize(1);
        var line = new ObjectMapper().readTree(text);
        assertThat(line.get("msg").asText()).isEqualTo("\u001b[31mred\u001b[0m");
        assertThat(line.get("path").asText()).isEqualTo("/v1/\u001b[2J\nx");
    }
}
