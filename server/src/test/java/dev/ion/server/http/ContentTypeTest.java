package dev.ion.server.http;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ApiVerticle.isJson} accepts exactly the Content-Type values the split-trim-lowercase test accepted. */
class ContentTypeTest {
    private static boolean before(String type) {
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json");
    }

    @Test
    void sameAnswersAsTheStringOperations() {
        String[] cases = {null, "", "application/json", "APPLICATION/JSON", "Application/Json; charset=utf-8",
                "  application/json  ;x", "\tapplication/json\t", "application/json;", ";application/json",
                "application/jsonx", "application/jso", "application/json5", "text/json", "application/ json",
                "appl\u0130cation/json", "appl\u0131cation/json", "application/\u212Ason", "application/json\u0000",
                "\u0000application/json", "application/json ; charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "APPLICATION/json;;"};
        for (String c : cases) assertThat(ApiVerticle.isJson(c)).as(String.valueOf(c)).isEqualTo(before(c));
        StringBuilder all = new StringBuilder();
        for (char ch = 0; ch < 0x250; ch++) {
            String swapped = "application/json".replace('o', ch);
            assertThat(ApiVerticle.isJson(swapped)).as("U+%04X", (int) ch).isEqualTo(before(swapped));
            all.append(ch);
        }
        assertThat(ApiVerticle.isJson(all.toString())).isFalse();
    }
}
