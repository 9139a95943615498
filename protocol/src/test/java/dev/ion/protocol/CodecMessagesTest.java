package dev.ion.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a client reads when its JSON is refused: numbers a script could not hold are named
 * with where they were, and no message leaks a Java class or library name.
 */
class CodecMessagesTest {
    /** A package-qualified class name ({@code com.fasterxml.jackson.X}, {@code dev.ion.protocol.X}). */
    static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]|[a-z]+\\.[a-z]+\\.[a-z]+\\.");

    private final Codec codec = new Codec();

    /** Asserts that a message meant for users names no Java class or library. */
    static void assertNoInternals(String message) {
        assertThat(message).isNotBlank();
        assertThat(CLASS_NAME.matcher(message).find()).as("class name in: %s", message).isFalse();
        assertThat(message.toLowerCase()).as(message).doesNotContain("jackson", "com.", "java.", "feature",
                "bound as", "deserializ", "`");
    }

    @Test
    void integersOutsideI64AreRefusedWithTheirPlace() {
        ProtocolException e = reject("{\"source\":\"1\",\"input\":[1,2,12345678901234567890]}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo(
                "input[2]: 12345678901234567890 is outside the int range (-2^63..2^63-1)");
        assertThat(reject("{\"source\":\"1\",\"input\":[{\"a\":[0,-9223372036854775809]}]}").getMessage())
                .startsWith("input[0].a[1]: -9223372036854775809 is outside the int range");
    }

    @Test
    void theInt64EdgesStillPass() {
        RunRequest r = codec.decode("{\"source\":\"1\",\"input\":[9223372036854775807,-9223372036854775808]}",
                RunRequest.class);
        assertThat(r.input().get(0).longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.input().get(1).longValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void floatsThatOverflowAreRefusedAndNormalFloatsKeepTheirValue() {
        ProtocolException e = reject("{\"source\":\"1\",\"input\":[1e400]}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).startsWith("input[0]: 1E+400 is outside the float range");
        assertThat(reject("{\"source\":\"1\",\"input\":[{\"x y\":-2e308}]}").getMessage())
                .startsWith("input[0][\"x y\"]: -2E+308 is outside the float range");
        RunRequest r = codec.decode("{\"source\":\"1\",\"input\":[2.5,0.1,1.0,1e-400,1.7976931348623157e308]}",
                RunRequest.class);
        assertThat(r.input().toString()).isEqualTo("[2.5, 0.1, 1.0, 0.0, 1.7976931348623157E308]");
        assertThat(r.input().get(1).isDouble()).isTrue();
        assertThat(r.input().get(2).isDouble()).isTrue();
    }

    @Test
    void webSocketRunAndSendFramesAreCheckedToo() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"run\",\"source\":\"1\",\"input\":[1e999]}", ClientFrame.class))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("input[0]: 1E+999 is outside");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"run\":\"r\",\"value\":{\"n\":18446744073709551616}}",
                ClientFrame.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("value.n: 18446744073709551616 is outside the int range (-2^63..2^63-1)");
    }

    @Test
    void anInputBodyIsOneValueInRange() {
        assertThat(codec.inputValue("[1, 2.5]".getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo("[1,2.5]");
        ProtocolException two = catchThrowableOfType(ProtocolException.class,
                () -> codec.inputValue("1 2".getBytes(StandardCharsets.UTF_8)));
        assertThat(two.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(two.getMessage()).isEqualTo(
                "expected one JSON value, found more after it at line 1, column 3 (send one value per request)");
        assertNoInternals(two.getMessage());
        assertThat(catchThrowableOfType(ProtocolException.class,
                () -> codec.inputValue("12345678901234567890".getBytes(StandardCharsets.UTF_8))).getMessage())
                .isEqualTo("body: 12345678901234567890 is outside the int range (-2^63..2^63-1)");
    }

    @Test
    void trailingTokensAfterARequestNameNoInternals() {
        ProtocolException e = reject("{\"source\":\"1\"} {\"source\":\"2\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(e.getMessage()).startsWith("expected one JSON value, found more after it at line 1, column 16");
    }

    @Test
    void wrongShapesSayWhatWasExpected() {
        assertThat(reject("[1]").getMessage()).isEqualTo("wrong JSON shape: expected an object, got an array");
        assertThat(reject("\"x\"").getMessage()).isEqualTo("wrong JSON shape: expected an object, got a string");
        assertThat(reject("{\"source\":\"1\",\"limits\":{\"fuel\":99999999999999999999}}").getMessage())
                .isEqualTo("limits.fuel: 99999999999999999999 is outside the int range (-2^63..2^63-1)");
        assertThat(reject("{\"source\":\"1\",\"limits\":{\"fuel\":1.5}}").getMessage()).isEqualTo(
                "wrong type for field 'limits.fuel': expected an integer, got a number with a fraction or exponent");
        assertThat(reject("{\"source\":\"1\",\"input\":[1e99999999999]}").getMessage())
                .isEqualTo("input[0]: 1e99999999999 is outside the float range (about ±1.8e308)");
        assertThat(reject("{\"source\":\"1\",\"sauce\":2}").getMessage())
                .isEqualTo("unknown field 'sauce' (known fields: input, limits, source)");
    }

    @Test
    void aBadEnumValueListsTheGoodOnes() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"result\",\"run\":\"r\",\"seq\":1,\"status\":\"fine\"}",
                ServerFrame.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("field 'status': 'fine' is not one of queued, running, succeeded, failed, cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"source\":\"1\"} x", "{\"source\":\"1\"} 2", "[1]", "{\"source\":1}", "{\"source\":",
            "{\"source\":\"1\",\"source\":\"2\"}", "{'source':'1'}", "{\"source\":\"1\"/*c*/}", "{\"source\":NaN}",
            "{\"source\":\"1\",\"input\":[NaN]}", "{\"source\":\"1\",\"input\":[Infinity]}", "{\"source\":\"1\",\"input\":[01]}",
            "{\"source\":\"1\",\"input\":[1.]}", "{\"source\":\"\\x\"}", "{\"source\":\"a\nb\"}", "{\"source\":\"1\",}",
            "{\"source\":\"1\",\"limits\":[]}", "{\"source\":\"1\",\"limits\":{\"fuel\":1.5}}", "{\"source\":\"1\",\"limits\":{\"fuel\":\"9\"}}",
            "{\"source\":\"1\",\"limits\":{\"fuel\":1e400}}", "{\"source\":\"1\",\"input\":{}}", "{\"source\":null}",
            "{\"source\":\"1\",\"input\":[1e99999999999]}", "{\"source\":[\"x\"]}", "tru", "", " ", "{\"type\":\"run\"}",
            "{\"source\":\"1\",\"input\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void noMessageNamesAClassOrLibrary(String json) {
        ProtocolException e = reject(json);
        assertNoInternals(e.getMessage());
        assertNoInternals(catchThrowableOfType(ProtocolException.class,
                () -> codec.decode(json, ClientFrame.class)).getMessage());
        if (!json.isBlank()) {
            ProtocolException body = catchThrowableOfType(ProtocolException.class,
                    () -> codec.inputValue(json.getBytes(StandardCharsets.UTF_8)));
            if (body != null) assertNoInternals(body.getMessage());
        }
    }

    @Test
    void invalidUtf8NamesNoInternals() {
        byte[] bad = {'{', '"', 's', 'o', 'u', 'r', 'c', 'e', '"', ':', '"', (byte) 0xff, '"', '}'};
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(bad, RunRequest.class));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertNoInternals(e.getMessage());
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThat(reject("{\"source\":\"1\",}").getMessage()).startsWith("malformed JSON at line 1, column 15: ");
    }

    private ProtocolException reject(String json) {
        return catchThrowableOfType(ProtocolException.class, () -> codec.decode(json, RunRequest.class));
    }
}
