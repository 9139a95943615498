package dev.ion.loadtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.CategoryChart;
import picocli.CommandLine;

/**
 * {@code ion loadtest}'s refusals (exit 2 with a message naming the option) and its charts,
 * which need no server: every bad option is caught before any connection is made.
 */
class LoadTestCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--rate|0|--rate must be a positive number",
            "--rate|fast|Invalid value for option '--rate'",
            "--scenario|nope|unknown scenario 'nope'",
            "--transport|udp|--transport must be http or ws",
            "--duration|5x|'5x' is not a duration",
            "--duration|0|--duration must be positive",
            "--url|ftp://127.0.0.1:1|must start with http:// or https://",
            "--url|http://127.0.0.1:1/x?y=1|must not have a query",
            "--connections|0|--connections must be between 1 and 100000",
            "--cpu-share|1.5|--cpu-share must be between 0 and 1",
            "--event-loops|0|--event-loops must be between 1 and 64"})
    void badOptionExitsTwoNamingIt(String option, String value, String message) {
        Result r = execute(option, value);
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains(message), r.err);
    }

    @Test
    void streamOverHttpIsRefused() {
        Result r = execute("--scenario", "stream", "--transport", "http");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("use --transport ws"), r.err);
    }

    @Test
    void sweepTakesLoadOptionsBeforeAndAfterIt() {
        Result r = execute("--rate", "-1", "sweep", "--scenario", "trivial", "--rates", "10", "--csv", "x.csv");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--rate must be a positive number"), r.err);
        r = execute("--json", "x.json", "sweep", "--rates", "10", "--csv", "x.csv");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--json does not apply to sweep"), r.err);
    }

    @ParameterizedTest
    @CsvSource({"http", "ws"})
    void unreachableServerExitsOne(String transport) {
        Result r = execute("--url", "http://127.0.0.1:1", "--transport", transport, "--duration", "100ms", "--warmup", "0", "--quiet");
        assertEquals(1, r.code, r.err);
        assertTrue(r.err.startsWith("ion loadtest: cannot connect to http://127.0.0.1:1"), r.err);
    }

    @Test
    void plotDrawsRatiosAsBars() throws Exception {
        Path csv = dir.resolve("cli.csv");
        Files.writeString(csv, "# whole-process runs\nbenchmark,implementation,seconds\nfib,ion,1.0\nfib,cpython,1.5\n"
                + "loop,ion,2.0\nloop,cpython,2.5\nloop,lua,0.5\n");
        Result r = execute("plot", "--out", dir.toString(), csv.toString());
        assertEquals(0, r.code, r.err);
        String svg = Files.readString(dir.resolve("perf-cli.svg"));
        assertTrue(svg.contains("<svg"), svg);
        CategoryChart chart = (CategoryChart) Charts.of(CsvTable.read(csv), "cli");
        assertEquals(Set.of("cpython", "lua"), chart.getSeriesMap().keySet());
        assertEquals(List.of(1.5, 1.25), List.copyOf(chart.getSeriesMap().get("cpython").getYData()));
        assertEquals(List.of(0.25), List.copyOf(chart.getSeriesMap().get("lua").getYData()));
    }

    @Test
    void readsTheTablesOfTheCompareScripts() throws Exception {
        Path csv = dir.resolve("cli-compare.csv");
        Files.writeString(csv, "program,runtime,seconds\nfib,ion,2.0\nfib,python3,1.0\n");
        CategoryChart chart = (CategoryChart) Charts.of(CsvTable.read(csv), "cli");
        assertEquals(List.of(0.5), List.copyOf(chart.getSeriesMap().get("python3").getYData()));
        Path jmh = dir.resolve("jmh-compare.csv");
        Files.writeString(jmh, "benchmark,implementation,ms_per_op\nfib30,ion,75\nfib30,java,5\n");
        chart = (CategoryChart) Charts.of(CsvTable.read(jmh), "jmh");
        assertEquals(List.of(5 / 75.0), List.copyOf(chart.getSeriesMap().get("java").getYData()));
    }

    @Test
    void ratesAreInvertedSoAboveOneStillMeansTheReferenceIsFaster() throws Exception {
        Path csv = dir.resolve("rates.csv");
        Files.writeString(csv, "benchmark,implementation,per_second\ntrivial run,ion,10000\ntrivial run,plain vert.x,30000\n");
        CategoryChart chart = (CategoryChart) Charts.of(CsvTable.read(csv), "rates");
        assertEquals(List.of(1.0 / 3), List.copyOf(chart.getSeriesMap().get("plain vert.x").getYData()));
    }

    @Test
    void plotRefusesATableItCannotDraw() throws Exception {
        Path csv = dir.resolve("odd.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        Result r = execute("plot", "--out", dir.toString(), csv.toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("header must be"), r.err);
        Path unit = dir.resolve("unit.csv");
        Files.writeString(unit, "benchmark,implementation,furlongs\nfib,ion,1\nfib,lua,2\n");
        r = execute("plot", "--out", dir.toString(), unit.toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("the third column must be a unit"), r.err);
    }

    @Test
    void plotRefusesAMissingFile() {
        Result r = execute("plot", "--out", dir.toString(), dir.resolve("none.csv").toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("no such file"), r.err);
    }

    private record Result(int code, String err) {
    }

    private static Result execute(String... args) {
        CommandLine cl = LoadTestCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new Result(code, err.toString());
    }
}
