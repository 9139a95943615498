package dev.ion.loadtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ion.loadtests.attack.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiny run of every scenario of {@code ion loadtest} against the packaged server
 * (server/target/ion.jar) started with the load tests' config: about a second at a low rate,
 * through the command line, checking the summary's shape (runs done, none failed), never its
 * timings.
 */
@Timeout(120)
class LoadTestSmokeIT {
    private static ServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        String yaml = Files.readString(Path.of("load", "serve.yaml"));
        server = ServerProcess.start("loadtest-smoke", List.of("-Xmx512m"), yaml, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"trivial, http", "trivial, ws", "sleepers, http", "sleepers, ws", "mixed, http", "mixed, ws",
            "baseline, http", "baseline, ws"})
    void arrivalsScenario(String scenario, String transport) throws Exception {
        JsonObject s = run("--scenario", scenario, "--transport", transport, "--rate", "40", "--duration", "1s",
                "--warmup", "200ms", "--connections", "64");
        assertEquals(scenario, s.getString("scenario"));
        assertEquals(transport, s.getString("transport"));
        assertTrue(s.getLong("ok") > 0, s::encodePrettily);
        assertEquals(s.getLong("sent"), s.getLong("ok"), s::encodePrettily);
        assertEquals(0, s.getLong("failed"), s::encodePrettily);
        assertTrue(s.getJsonObject("errors").isEmpty(), s::encodePrettily);
        String headline = scenario.equals("sleepers") ? "sleep" : "trivial";
        assertTrue(s.getJsonObject("latency").getJsonObject(headline).getLong("count") > 0, s::encodePrettily);
        if (scenario.equals("mixed")) {
            assertTrue(s.getJsonObject("latency").getJsonObject("cpu").getLong("count") > 0, s::encodePrettily);
        }
        assertTrue(s.getDouble("serverCpuSeconds") >= 0, s::encodePrettily);
    }

    @Test
    void streamScenario() throws Exception {
        JsonObject s = run("--scenario", "stream", "--stream-values", "5000");
        assertEquals("ws", s.getString("transport"));
        assertEquals(0, s.getLong("failed"), s::encodePrettily);
        JsonObject stream = s.getJsonObject("stream");
        assertEquals(5000, stream.getLong("events"), s::encodePrettily);
        assertEquals("5000", stream.getString("value"), s::encodePrettily);
        assertTrue(stream.getLong("eventsPerSecond") > 0, s::encodePrettily);
    }

    @Test
    void sweepWritesOneRowPerRateAndPlotDrawsIt() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        int code = LoadTestCommand.commandLine().execute("--url", server.url(), "sweep", "--rates", "20,40",
                "--duration", "500ms", "--warmup", "100ms", "--quiet", "--no-stop", "--prime", "0", "--csv", csv.toString(), "--series", "ion trivial");
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SweepCommand.HEADER, lines.get(0));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("ion trivial,20,"), lines.get(1));
        assertEquals(0, LoadTestCommand.commandLine().execute("plot", "--out", dir.toString(), csv.toString()));
        assertTrue(Files.readString(dir.resolve("perf-sweep.svg")).contains("<svg"));
    }

    private JsonObject run(String... options) throws Exception {
        Path json = dir.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("--url", server.url(), "--server-pid", Long.toString(server.pid()),
                "--quiet", "--json", json.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = LoadTestCommand.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(was);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.startsWith("ion loadtest: scenario "), text);
        return new JsonObject(Files.readString(json));
    }
}
