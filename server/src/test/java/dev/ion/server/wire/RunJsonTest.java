package dev.ion.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ion.engine.Engine;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.protocol.Codec;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunResponse;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;
import dev.ion.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written frames and run responses are, character for character, what the codec writes. */
class RunJsonTest {
    private final Codec codec = new Codec();

    private static final String AWKWARD = "quote \" backslash \\ newline \n tab \t nul \u0000 esc \u001b del \u007f"
            + " é 中 \ud83d\ude00 lone \ud800 </script>";

    private static List<JsonNode> jsonValues() {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(null);
        for (String source : new String[]{"1 + 1", "None", "\"" + AWKWARD.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\u{0}").replace("\u001b", "\\u{1b}")
                .replace("\ud800", "") + "\"", "[1, 2.5, true, None, #{\"a\": [1]}]", "1.0 / 3.0", "-9223372036854775807 - 1"}) {
            Value v = new Engine().eval(source);
            nodes.add(JsonValues.toJson(v, 1 << 20));
        }
        nodes.add(JsonNodeFactory.instance.objectNode().put("tree", AWKWARD));
        nodes.add(JsonNodeFactory.instance.nullNode());
        return nodes;
    }

    private static List<Map<String, Long>> limitMaps() {
        List<Map<String, Long>> maps = new ArrayList<>();
        maps.add(null);
        maps.add(WireLimits.of(Limits.unlimited()));
        maps.add(WireLimits.of(Limits.unlimited().with("fuel", 5).with("deadline_ms", Long.MAX_VALUE - 1)
                .with("max_call_depth", 1).with("max_tasks", 3).with("max_memory_bytes", 1L << 40)
                .with("max_output_bytes", 7).with("max_channel_capacity", 9)));
        return maps;
    }

    private static List<Map<String, Map<String, Long>>> clampedMaps() {
        Map<String, Map<String, Long>> one = new LinkedHashMap<>();
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("requested", 1_000_000L);
        c.put("allowed", 10L);
        one.put("fuel", c);
        List<Map<String, Map<String, Long>>> maps = new ArrayList<>();
        maps.add(null);
        maps.add(one);
        return maps;
    }

    private static final RunStats[] STATS = {null, new RunStats(0, 0, 0, 0),
            new RunStats(Long.MAX_VALUE, 12, Long.MIN_VALUE, Integer.MAX_VALUE)};
    private static final String[] TEXTS = {null, "", "2", AWKWARD, "x".repeat(10_000) + AWKWARD};

    @Test
    void framesAreWhatTheCodecWrites() {
        List<ServerFrame> frames = new ArrayList<>();
        for (String run : new String[]{null, "run_abc"}) {
            for (RunStatus status : new RunStatus[]{null, RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.SUCCEEDED}) {
                for (Map<String, Long> limits : limitMaps()) {
                    for (var clamped : clampedMaps()) {
                        frames.add(new ServerFrame.Started(run, 1, null, status, limits, clamped));
                        frames.add(new ServerFrame.Started(run, 1, AWKWARD, status, limits, clamped));
                    }
                }
                for (String text : TEXTS) {
                    for (JsonNode json : jsonValues()) {
                        for (RunStats stats : STATS) frames.add(new ServerFrame.Result(run, 7, status, text, json, stats));
                    }
                }
            }
            for (String text : TEXTS) frames.add(new ServerFrame.Output(run, Long.MAX_VALUE, text));
            for (String text : TEXTS) {
                for (JsonNode json : jsonValues()) {
                    frames.add(new ServerFrame.Recv(run, 9, 3, 0, text, json));
                    frames.add(new ServerFrame.Recv(run, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, text, json));
                    frames.add(new ServerFrame.Select(run, 4, 1, text, json));
                }
            }
            frames.add(new ServerFrame.Error(run, 3, "ref", RunStatus.FAILED,
                    new RunError("runtime", AWKWARD, 1, 2, null, null), STATS[1]));
            frames.add(new ServerFrame.Pong(run, 0, "r"));
        }
        for (ServerFrame f : frames) {
            assertThat(RunJson.encode(codec, f)).as("%s", f).isEqualTo(codec.encode(f));
        }
        assertThat(frames).hasSizeGreaterThan(300);
    }

    @Test
    void runsAreWhatTheCodecWrites() {
        List<RunResponse> runs = new ArrayList<>();
        for (RunStatus status : new RunStatus[]{null, RunStatus.RUNNING, RunStatus.SUCCEEDED, RunStatus.CANCELLED}) {
            for (String text : TEXTS) {
                for (JsonNode json : jsonValues()) {
                    for (RunStats stats : STATS) {
                        for (Map<String, Long> limits : limitMaps()) {
                            for (var clamped : clampedMaps()) {
                                runs.add(new RunResponse("run_x", status, text, json, text, null, stats, limits, clamped));
                            }
                        }
                    }
                }
            }
        }
        runs.add(new RunResponse(null, null, null, null, null, null, null, null, null));
        runs.add(new RunResponse("run_e", RunStatus.FAILED, null, null, "out", new RunError("lex", AWKWARD, 1, 1,
                List.of(new RunError.TraceFrame("f", 1, 2)), List.of(new RunError.Problem("lex", "m", 1, 1))),
                STATS[2], WireLimits.of(Limits.unlimited()), null));
        for (RunResponse r : runs) {
            assertThat(RunJson.encode(codec, r)).as("%s", r).isEqualTo(codec.encode(r));
        }
        assertThat(runs).hasSizeGreaterThan(1000);
    }
}
