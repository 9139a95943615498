package dev.ion.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A log line is one JSON object on one line: escape codes and newlines in fields are escaped, never written raw. */
class JsonLogTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The hand-built line is the text Jackson writes for the same fields, after the timestamp. */
    @Test
    void linesAreWhatJacksonWritesForTheSameFields() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) every.append(c);
        Object[][] cases = {
                {"request", "method", "POST", "path", "/v1/runs", "status", 200, "durationMs", 3L, "run", null},
                {"run finished", "run", "run_x", "fuel", Long.MIN_VALUE, "tasks", (short) 3, "b", (byte) -1, "ok", true},
                {every.toString(), every.toString(), every.toString() + "\ud83d\ude00 ünï \"q\" \\"},
                {"other values", "list", List.of(1, "a"), "map", Map.of("k", 1), "double", 1.5, "nan", Double.NaN},
                {"repeated", "a", 1, "a", 2, "msg", "shadowed", "level", "x"},
                {"odd field count", "a", 1, "dangling"},
        };
        for (Object[] c : cases) {
            Object[] fields = java.util.Arrays.copyOfRange(c, 1, c.length);
            String line = JsonLog.line("info", (String) c[0], fields);
            Map<String, Object> expected = new LinkedHashMap<>();
            JsonNode parsed = MAPPER.readTree(line);
            expected.put("ts", parsed.get("ts").asText());
            expected.put("level", "info");
            expected.put("msg", c[0]);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                if (fields[i + 1] != null) expected.put(String.valueOf(fields[i]), fields[i + 1]);
            }
            assertThat(line).isEqualTo(MAPPER.writeValueAsString(expected));
        }
    }

    @Test
    void timestampsAreWhatInstantWrites() {
        long[] seconds = {0, 1, 59, 60, 86_399, 1_700_000_000, 1_800_000_000, 253_402_300_799L, -1, -62_135_596_800L,
                -62_135_596_801L, 253_402_300_800L};
        int[] nanos = {0, 1, 999, 1_000, 100_000, 1_000_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                StringBuilder b = new StringBuilder();
                LogTimestamps.append(b, t);
                LogTimestamps.append(b.append('|'), t); // the cached second
                assertThat(b.toString()).isEqualTo(t + "|" + t);
            }
        }
    }
}
