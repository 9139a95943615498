package dev.ion.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {
    private final Codec codec = new Codec();

    @Test
    void decodesARunRequest() {
        RunRequest r = codec.decode("{\"source\":\"1+2\",\"limits\":{\"fuel\":1000},\"input\":[1,\"a\",{\"k\":[true]}]}",
                RunRequest.class);
        assertThat(r.source()).isEqualTo("1+2");
        assertThat(r.limits()).containsEntry("fuel", 1000L);
        assertThat(r.input()).hasSize(3);
        assertThat(r.input().get(2).toString()).isEqualTo("{\"k\":[true]}");
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndMissingSource() {
        assertRejected("{\"source\":\"1\",\"sauce\":2}", ErrorCode.BAD_REQUEST, "unknown field 'sauce'");
        assertRejected("{\"source\":42}", ErrorCode.BAD_REQUEST,
                "wrong type for field 'source': expected a string, got a number");
        assertRejected("{\"source\":\"1\",\"limits\":{\"fuel\":\"many\"}}", ErrorCode.BAD_REQUEST, "limits");
        assertRejected("{\"source\":\"1\",\"limits\":{\"fuel\":1.5}}", ErrorCode.BAD_REQUEST, "limits");
        assertRejected("{\"source\":\"1\",\"input\":3}", ErrorCode.BAD_REQUEST, "input");
        assertRejected("{}", ErrorCode.BAD_REQUEST, "missing field 'source'");
        assertRejected("[1]", ErrorCode.BAD_REQUEST, "");
        assertRejected("null", ErrorCode.BAD_REQUEST, "");
    }

    @Test
    void rejectsMalformedJsonAndDeepNesting() {
        assertRejected("{\"source\":", ErrorCode.INVALID_JSON, "malformed JSON");
        assertRejected("{\"source\":\"1\"} trailing", ErrorCode.INVALID_JSON, "");
        String deep = "[".repeat(200) + "]".repeat(200);
        assertRejected("{\"source\":\"1\",\"input\":" + deep + "}", ErrorCode.INVALID_JSON, "nests too deeply");
        assertThat(new Codec(500).decode("{\"source\":\"1\",\"input\":" + deep + "}", RunRequest.class).input())
                .hasSize(1);
    }

    @Test
    void clientFramesByType() {
        assertThat(codec.decode("{\"type\":\"run\",\"ref\":\"a\",\"source\":\"1\"}", ClientFrame.class))
                .isEqualTo(new ClientFrame.Run("a", "1", null, null));
        ClientFrame send = codec.decode("{\"type\":\"send\",\"run\":\"r1\",\"value\":[1,2]}", ClientFrame.class);
        assertThat(send).isInstanceOf(ClientFrame.Send.class);
        assertThat(((ClientFrame.Send) send).value().toString()).isEqualTo("[1,2]");
        assertThat(codec.decode("{\"type\":\"close-input\",\"run\":\"r1\"}", ClientFrame.class))
                .isEqualTo(new ClientFrame.CloseInput("r1"));
        assertThat(codec.decode("{\"type\":\"cancel\",\"run\":\"r1\"}", ClientFrame.class))
                .isEqualTo(new ClientFrame.Cancel("r1"));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"jump\"}", ClientFrame.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown frame type 'jump'");
        assertThatThrownBy(() -> codec.decode("{\"run\":\"x\"}", ClientFrame.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"cancel\"}", ClientFrame.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("missing field 'run'");
    }

    @Test
    void everyFrameClassHasTheTypeNameOfItsJsonSubtype() {
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
                : ServerFrame.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            assertThat(FrameTypes.NAMES.get(t.value())).as(t.value().getName()).isEqualTo(t.name());
        }
        assertThat(ServerFrame.class.getPermittedSubclasses())
                .hasSize(ServerFrame.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value().length);
    }

    @Test
    void serverFramesCarryTypeRunAndSeq() throws Exception {
        JsonNode recv = codec.tree(codec.encode(new ServerFrame.Recv("r1", 7, 3, 2, "5", codec.tree("5"))));
        assertThat(recv.get("type").asText()).isEqualTo("recv");
        assertThat(recv.get("run").asText()).isEqualTo("r1");
        assertThat(recv.get("seq").asLong()).isEqualTo(7);
        assertThat(recv.get("json").asInt()).isEqualTo(5);
        assertThat(new ServerFrame.Recv("r1", 7, 3, 2, "5", null).type()).isEqualTo("recv");
        JsonNode err = codec.tree(codec.encode(ServerFrame.Error.rejected(null, "x", ErrorCode.BAD_REQUEST, "no")));
        assertThat(err.get("type").asText()).isEqualTo("error");
        assertThat(err.get("error").get("code").asText()).isEqualTo("bad_request");
        assertThat(err.has("run")).isFalse();
        JsonNode started = codec.tree(codec.encode(
                new ServerFrame.Started("r1", 1, "a", RunStatus.RUNNING, Map.of("fuel", 5L))));
        assertThat(started.get("status").asText()).isEqualTo("running");
        assertThat(codec.decode(codec.encode(new ServerFrame.Output("r", 2, "hi\n")), ServerFrame.class))
                .isEqualTo(new ServerFrame.Output("r", 2, "hi\n"));
    }

    @Test
    void errorBodyShape() {
        assertThat(codec.encode(ErrorBody.of(ErrorCode.PAYLOAD_TOO_LARGE, "too big")))
                .isEqualTo("{\"error\":{\"code\":\"payload_too_large\",\"message\":\"too big\"}}");
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)).doesNotHaveDuplicates();
    }

    @Test
    void openApiIsValidYamlListingEveryPath() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApi.yaml());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").fieldNames()).toIterable().contains("/v1/runs", "/v1/runs/{id}",
                "/v1/runs/{id}/input", "/v1/runs/{id}/events", "/v1/openapi.yaml", "/health/live",
                "/health/ready", "/metrics");
        JsonNode codes = doc.at("/components/schemas/ErrorBody/properties/error/properties/code/enum");
        assertThat(codes).hasSize(ErrorCode.values().length);
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(codes.toString()).contains("\"" + c.wire() + "\"");
        }
    }

    private void assertRejected(String json, ErrorCode code, String fragment) {
        assertThatThrownBy(() -> codec.decode(json, RunRequest.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(fragment);
                });
    }
}
