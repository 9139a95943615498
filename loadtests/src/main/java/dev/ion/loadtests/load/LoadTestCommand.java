package dev.ion.loadtests.load;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.HdrHistogram.HistogramLogWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ion loadtest}: an open-loop load generator for a running {@code ion serve}. Runs
 * arrive at a constant rate whatever the server does, latencies are counted from each run's
 * scheduled start and kept in HdrHistograms; a line is printed each second and a summary at
 * the end. {@code sweep} steps the rate up to saturation, {@code plot} draws the charts of
 * docs/PERFORMANCE.md from CSV files. Exit 0 after a test (errors are in its summary), 1 when
 * the test could not be carried out, 2 for a bad option.
 */
@Command(name = "ion loadtest", mixinStandardHelpOptions = true, sortOptions = false, version = "ion loadtest 0.1.0",
        subcommands = {SweepCommand.class, PlotCommand.class},
        description = {"Open-loop load test of an Ion server (see docs/PERFORMANCE.md).",
                "Scenarios: trivial, sleepers, mixed, stream, baseline."})
public final class LoadTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options = new LoadOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path json;

    @Option(names = "--hdr", paramLabel = "FILE", description = "Also write the measured histograms (HdrHistogram log, microseconds, one per kind of run).")
    Path hdr;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: usage errors exit 2, failed tests 1. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LoadTestCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof LoadTestException) {
                line.getErr().println("ion loadtest: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        LoadConfig c = options.config(err);
        OpenLoopRun.Outcome outcome = LoadTests.execute(c);
        System.out.print(outcome.summary().text());
        System.out.flush();
        if (json != null) {
            Files.writeString(json, outcome.summary().json().encodePrettily() + "\n", StandardCharsets.UTF_8);
        }
        if (hdr != null) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(hdr), true, StandardCharsets.UTF_8)) {
                HistogramLogWriter w = new HistogramLogWriter(out);
                w.outputComment("ion loadtest " + c.scenario().cliName() + " at " + c.rate() + " runs/s; values in microseconds");
                w.outputLogFormatVersion();
                w.outputLegend();
                outcome.histograms().forEach((label, h) -> {
                    h.setTag(label);
                    w.outputIntervalHistogram(h);
                });
            }
        }
        return 0;
    }
}
