package dev.ion.server.wire;

import dev.ion.engine.Engine;
import dev.ion.engine.HostValues;
import dev.ion.engine.Value;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON trees as the server's codec parses them, turned into values and back, with no detour through text. */
class JsonValuesTest {
    private final Codec codec = new Codec();

    private Value in(String json) {
        return JsonValues.toValue(codec.tree(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachJsonKindBecomesItsIonValue() {
        assertThat(in("{\"b\": [1, 2.5, \"x\", true, null], \"a\": {}}").repr())
                .isEqualTo("#{\"b\": [1, 2.5, \"x\", true, None], \"a\": #{}}");
        assertThat(in("42").repr()).isEqualTo("42");
        assertThat(in("1.0").repr()).isEqualTo("1.0");
        assertThat(in("-9223372036854775808").repr()).isEqualTo("-9223372036854775808");
    }

    @Test
    void theValuesAreTheOnesTheEnginesOwnJsonDecoderGives() {
        for (String json : List.of("[1, -2, 3.25, 1e3, \"é\\n\", false, null]", "{\"k\": {\"n\": [[]]}}",
                "123456789012345678901234567890", "0.1")) {
            assertThat(in(json)).as(json).isEqualTo(HostValues.fromJson(json));
        }
    }

    @Test
    void aNumberNoIonTypeHoldsIsABadRequest() {
        assertThatThrownBy(() -> in("1" + "0".repeat(400)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("input value not usable");
    }

    @Test
    void aValueGoesOutAsTheEnginesJsonVerbatim() {
        Value v = new Engine().eval("#{\"n\": [1, 2.5, None], \"s\": \"a\\\"b\"}");
        String frame = codec.encode(Map.of("json", JsonValues.toJson(v, 1 << 20)));
        assertThat(frame).isEqualTo("{\"json\":" + HostValues.toJson(v) + "}");
    }

    @Test
    void aValueJsonCannotHoldHasNoJson() {
        assertThat(JsonValues.toJson(new Engine().eval("fn() { 1 }"), 1 << 20)).isNull();
    }
}
