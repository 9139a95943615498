package dev.ion.client.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {
    private static List<SseParser.Message> parse(String stream) {
        SseParser p = new SseParser();
        List<SseParser.Message> out = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            SseParser.Message m = p.line(line);
            if (m != null) out.add(m);
        }
        return out;
    }

    @Test
    void readsIdEventAndDataOfEachMessageAndSkipsComments() {
        List<SseParser.Message> m = parse(": ion run run_x\n\nid: 1\nevent: started\ndata: {\"a\":1}\n\n"
                + ": keep-alive\n\nid: 2\nevent: output\ndata: {\"b\":2}\n\n");
        assertThat(m).containsExactly(new SseParser.Message("1", "started", "{\"a\":1}"),
                new SseParser.Message("2", "output", "{\"b\":2}"));
    }

    @Test
    void joinsDataLinesAndDefaultsTheEventName() {
        assertThat(parse("data: one\ndata:two\ndata\n\n"))
                .containsExactly(new SseParser.Message(null, "message", "one\ntwo\n"));
    }

    @Test
    void aMessageWithoutDataIsDroppedAndAnUnfinishedOneIsNotDelivered() {
        assertThat(parse("id: 4\nevent: x\n\nevent: gap\ndata: {}")).isEmpty();
    }

    @Test
    void onlyOneLeadingSpaceIsStrippedAndUnknownFieldsAreIgnored() {
        assertThat(parse("retry: 10\nfoo: bar\ndata:  two spaces\n\n"))
                .containsExactly(new SseParser.Message(null, "message", " two spaces"));
    }
}
