package dev.ion.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ion.client.BadRequestException;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorBody;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import dev.ion.protocol.ScriptNumbers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's JSON mapping: requests and frames written with the protocol's codec, and
 * the server's answers read with the same number rules but leniently about fields it does
 * not know, so that a newer server adding a field does not break an older client.
 */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        this.mapper = new Codec().mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IonClientException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A value to send into a script: any JSON-able object, refused when a number does not fit an Ion int or float. */
    public JsonNode scriptValue(Object value) {
        JsonNode node = value instanceof JsonNode n ? n : mapper.valueToTree(value);
        try {
            ScriptNumbers.check(node, "value");
        } catch (ProtocolException e) {
            throw new BadRequestException(e.getMessage(), 0, e.code().wire());
        }
        return node;
    }

    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IonClientException("the server sent JSON the client cannot read: " + why(e), e);
        }
    }

    public RunResult result(byte[] body) {
        RunResponse r;
        try {
            r = mapper.readValue(body, RunResponse.class);
        } catch (IOException e) {
            throw new IonClientException("the server sent a run the client cannot read: " + why(e), e);
        }
        return new RunResult(r.id(), r.status(), r.value(), r.json(), r.output(), r.stats(), r.error(), r.limits());
    }

    /** The {@code {"error": {"code", "message"}}} of a refusal, or null when the body is not one. */
    public ErrorBody.Detail errorDetail(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            JsonNode e = mapper.readTree(body).get("error");
            if (e == null || !e.isObject()) return null;
            return new ErrorBody.Detail(e.path("code").asText(null), e.path("message").asText(null));
        } catch (IOException e) {
            return null;
        }
    }

    /** One event (an SSE {@code data:} line or a WebSocket frame); null for a type this client does not know. */
    public RunEvent event(JsonNode f) {
        String run = f.path("run").asText(null);
        long seq = f.path("seq").asLong();
        try {
            return switch (f.path("type").asText("")) {
                case "started" -> new RunEvent.Started(run, seq, status(f), limits(f.get("limits")));
                case "output" -> new RunEvent.Output(run, seq, f.path("text").asText(""));
                case "recv" -> new RunEvent.Recv(run, seq, f.path("channel").asLong(), f.path("task").asInt(),
                        f.path("value").asText(null), f.get("json"));
                case "select" -> new RunEvent.Select(run, seq, f.path("arm").asInt(), f.path("value").asText(null),
                        f.get("json"));
                case "result" -> new RunEvent.Finished(run, seq, RunStatus.SUCCEEDED, f.path("value").asText(null),
                        f.get("json"), null, stats(f.get("stats")));
                case "error" -> new RunEvent.Finished(run, seq, status(f), null, null,
                        f.hasNonNull("error") ? mapper.treeToValue(f.get("error"), RunError.class) : null,
                        stats(f.get("stats")));
                case "gap" -> new RunEvent.Gap(run, f.path("from").asLong(), f.path("to").asLong());
                default -> null;
            };
        } catch (IOException | IllegalArgumentException e) {
            throw new IonClientException("the server sent an event the client cannot read: " + why(e), e);
        }
    }

    public RunEvent event(String data) {
        return event(tree(data));
    }

    private RunStatus status(JsonNode f) throws IOException {
        JsonNode s = f.get("status");
        return s == null || s.isNull() ? null : mapper.treeToValue(s, RunStatus.class);
    }

    private RunStats stats(JsonNode s) throws IOException {
        return s == null || s.isNull() ? null : mapper.treeToValue(s, RunStats.class);
    }

    private static Map<String, Long> limits(JsonNode l) {
        if (l == null || !l.isObject()) return Map.of();
        Map<String, Long> out = new LinkedHashMap<>();
        l.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return Map.copyOf(out);
    }

    /** The WebSocket {@code run} frame of {@code request}, tagged with {@code ref}. */
    public String runFrame(String ref, RunRequest request) {
        ObjectNode f = mapper.createObjectNode().put("type", "run").put("ref", ref).put("source", request.source());
        if (request.limits() != null) f.set("limits", mapper.valueToTree(request.limits()));
        if (request.input() != null) f.set("input", mapper.valueToTree(request.input()));
        return f.toString();
    }

    /** A {@code send}, {@code close-input} or {@code cancel} frame for run {@code run}. */
    public String runCommand(String type, String run, JsonNode value) {
        ObjectNode f = mapper.createObjectNode().put("type", type).put("run", run);
        if (value != null) f.set("value", value);
        return f.toString();
    }

    /** What could not be read, in words (Jackson's own messages name Java types): where the JSON broke, or which field. */
    static String why(Exception e) {
        Throwable t = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder at = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) at.append(at.length() == 0 ? "" : ".").append(r.getFieldName());
                else at.append('[').append(r.getIndex()).append(']');
            }
            return "unexpected value at '" + at + "'";
        }
        if (t instanceof JsonProcessingException p && p.getLocation() != null) {
            return "malformed JSON at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
        }
        return "unreadable";
    }
}
