package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/runs}: the script, optional limits (name → value, LANGUAGE.md §9
 * names) and optional input values. When {@code input} is present the script's
 * {@code input} receiver yields those values and is then closed; when it is absent the
 * receiver stays open for {@code POST /v1/runs/{id}/input}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRequest(String source, Map<String, Long> limits, List<JsonNode> input) {
    public RunRequest {
        if (source == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'source'");
        limits = limits == null ? null : Map.copyOf(limits);
        input = input == null ? null : List.copyOf(input);
        checkInput(input);
    }

    /** Refuses a number in {@code input} that a script could not hold (see {@link ScriptNumbers}). */
    static void checkInput(List<JsonNode> input) {
        if (input == null) return;
        for (int i = 0; i < input.size(); i++) ScriptNumbers.check(input.get(i), "input[" + i + "]");
    }

    public static RunRequest of(String source) {
        return new RunRequest(source, null, null);
    }
}
