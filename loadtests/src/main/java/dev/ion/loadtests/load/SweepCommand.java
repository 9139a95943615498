package dev.ion.loadtests.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ion loadtest sweep}: the same load test at rising rates until the server saturates
 * (it completes less than 90 % of the asked rate, fails more than 1 % of the runs, or its p99
 * exceeds {@code --max-p99}), one CSV row per rate: the throughput-versus-latency data that
 * {@code ion loadtest plot} draws.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Step the rate up to saturation and append one CSV row per rate.")
final class SweepCommand implements Callable<Integer> {
    static final String HEADER = "series,asked,throughput,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,failed,server_cpu_us_per_run,load_avg,date";

    @Mixin
    LoadOptions options = new LoadOptions();

    @ParentCommand
    LoadTestCommand parent;

    @Option(names = "--rates", split = ",", paramLabel = "R1,R2,…", description = "The rates to try, in order (instead of --from/--step/--to).")
    List<Double> rates;

    @Option(names = "--from", defaultValue = "1000", paramLabel = "RATE", description = "First rate. Default: ${DEFAULT-VALUE}.")
    double from;

    @Option(names = "--step", defaultValue = "1000", paramLabel = "RATE", description = "Added at each step. Default: ${DEFAULT-VALUE}.")
    double step;

    @Option(names = "--to", defaultValue = "100000", paramLabel = "RATE", description = "Last rate at most. Default: ${DEFAULT-VALUE}.")
    double to;

    @Option(names = "--max-p99", defaultValue = "1000", paramLabel = "MS", description = "A p99 above this counts as saturated. Default: ${DEFAULT-VALUE}.")
    double maxP99;

    @Option(names = "--prime", defaultValue = "10s", converter = Durations.class, paramLabel = "TIME",
            description = "Load at the first rate for this long before the sweep, unrecorded, so that neither JVM starts the sweep cold. Default: ${DEFAULT-VALUE}.")
    Duration prime;

    @Option(names = "--no-stop", description = "Run every rate, even past saturation.")
    boolean noStop;

    @Option(names = "--series", paramLabel = "NAME", description = "The series name in the CSV (default: the scenario and transport).")
    String series;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file to append to (created with its header when missing).")
    Path csv;

    @Override
    public Integer call() throws Exception {
        if (parent != null) {
            // Load options given before 'sweep' land on the parent command: take those not repeated after it.
            ParseResult own = options.spec.commandLine().getParseResult();
            for (OptionSpec o : parent.spec.commandLine().getParseResult().matchedOptions()) {
                OptionSpec mine = options.spec.commandLine().getCommandSpec().findOption(o.longestName());
                if (mine == null) throw options.bad(o.longestName() + " does not apply to sweep");
                if (!own.hasMatchedOption(mine)) mine.setValue(o.getValue());
            }
        }
        LoadConfig base = options.config(System.err);
        if (base.scenario() == Scenario.STREAM) throw options.bad("sweep needs arrivals: the stream scenario has none");
        List<Double> steps = rates != null ? rates : range();
        for (double r : steps) {
            if (!(r > 0)) throw options.bad("--rates must all be positive, not " + r);
        }
        String name = series != null ? series : base.scenario().cliName() + " " + base.transport();
        if (name.contains(",") || name.contains("\"")) throw options.bad("--series must not contain commas or quotes");
        if (!Files.exists(csv)) Files.writeString(csv, HEADER + "\n", StandardCharsets.UTF_8);
        LoadTests.withServer(base, c -> sweep(c, steps, name));
        return 0;
    }

    private Void sweep(LoadConfig c, List<Double> steps, String name) throws Exception {
        if (!prime.isZero()) {
            System.err.printf("sweep: priming %s for %s s at %,.0f runs/s%n", name, prime.toMillis() / 1000.0, steps.get(0));
            LoadTests.executeOn(c.withRate(steps.get(0)).withTimes(prime, Duration.ZERO));
        }
        for (double r : steps) {
            System.err.printf("sweep: %s at %,.0f runs/s%n", name, r);
            Summary s = LoadTests.executeOn(c.withRate(r)).summary();
            System.out.print(s.text());
            append(name, c.scenario().headlineLabel(), s);
            LatencyStats head = s.latency().get(c.scenario().headlineLabel());
            boolean saturated = s.throughput() < 0.9 * r || s.failed() > 0.01 * Math.max(1, s.sent())
                    || head == null || head.p99() > maxP99;
            if (saturated && !noStop) {
                System.err.printf("sweep: saturated at %,.0f runs/s (achieved %,.0f)%n", r, s.throughput());
                break;
            }
        }
        return null;
    }

    private List<Double> range() {
        if (!(from > 0) || !(step > 0) || to < from) throw options.bad("--from, --step and --to must be positive, with --to ≥ --from");
        List<Double> out = new ArrayList<>();
        for (double r = from; r <= to + 1e-9; r += step) out.add(r);
        return out;
    }

    private void append(String name, String label, Summary s) throws IOException {
        LatencyStats l = s.latency().getOrDefault(label, new LatencyStats(0, 0, 0, 0, 0, 0, 0));
        Double cpu = s.serverCpuMicrosPerRun();
        String row = String.format(Locale.ROOT, "%s,%.0f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%s,%s,%s%n", name, s.askedRate(),
                s.throughput(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), s.failed(),
                cpu == null ? "" : String.format(Locale.ROOT, "%.1f", cpu), s.loadAverage().replace(' ', '/'),
                LocalDate.now(ZoneOffset.UTC));
        Files.writeString(csv, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
