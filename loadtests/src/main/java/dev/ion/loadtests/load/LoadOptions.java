package dev.ion.loadtests.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of one load test, shared by {@code ion loadtest} and {@code ion loadtest sweep}. */
final class LoadOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The Ion server (ignored by the baseline scenario, which starts its own). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:ION_API_KEY}",
            description = "API key sent as Authorization: Bearer KEY (default: $ION_API_KEY, else none).")
    String apiKey;

    @Option(names = "--scenario", defaultValue = "trivial", paramLabel = "NAME",
            description = "trivial, sleepers, mixed, stream or baseline. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--transport", defaultValue = "http", paramLabel = "http|ws",
            description = "POST /v1/runs over HTTP/1.1, or run frames over /v1/ws. Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "RUNS_PER_S",
            description = "Arrivals per second, on a fixed schedule (open loop). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", defaultValue = "10s", converter = Durations.class, paramLabel = "TIME",
            description = "Measured time after the warm-up (10, 10s, 500ms, 2m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", converter = Durations.class, paramLabel = "TIME",
            description = "Time at the same rate before measuring; its runs are not counted. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "32", paramLabel = "N",
            description = "HTTP connections in the pool, or WebSocket sockets runs are spread over. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--event-loops", defaultValue = "1", paramLabel = "N",
            description = "Client event-loop threads. Default: ${DEFAULT-VALUE}.")
    int eventLoops;

    @Option(names = "--cpu-share", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "mixed: the share of arrivals that are CPU-bound runs. Default: ${DEFAULT-VALUE}.")
    double cpuShare;

    @Option(names = "--max-in-flight", defaultValue = "50000", paramLabel = "N",
            description = "Arrivals beyond this many runs in flight are not sent and count as client_backlog errors. Default: ${DEFAULT-VALUE}.")
    long maxInFlight;

    @Option(names = "--drain-timeout", defaultValue = "30s", converter = Durations.class, paramLabel = "TIME",
            description = "How long to wait for runs in flight after the last arrival; the rest count as timeout errors. Default: ${DEFAULT-VALUE}.")
    Duration drainTimeout;

    @Option(names = "--stream-values", defaultValue = "1000000", paramLabel = "N",
            description = "stream: channel values the run sends. Default: ${DEFAULT-VALUE}.")
    long streamValues;

    @Option(names = "--server-pid", defaultValue = "-1", paramLabel = "PID",
            description = "The server's process id, to report its CPU time in the measured window.")
    long serverPid;

    @Option(names = "--quiet", description = "No progress line each second.")
    boolean quiet;

    /** Checks every option and builds the test's settings; a bad option is a usage error (exit 2). */
    LoadConfig config(PrintStream progress) {
        Scenario sc;
        try {
            sc = Scenario.parse(scenario.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("--scenario: " + e.getMessage());
        }
        String tr = transport.toLowerCase(Locale.ROOT);
        if (!tr.equals("http") && !tr.equals("ws")) throw bad("--transport must be http or ws, not '" + transport + "'");
        if (sc == Scenario.STREAM && !tr.equals("ws")) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--transport")) {
                throw bad("--scenario stream runs over a WebSocket: use --transport ws (or leave it out)");
            }
            tr = "ws";
        }
        if (!(rate > 0) || Double.isInfinite(rate)) throw bad("--rate must be a positive number of runs per second, not " + rate);
        if (duration.isZero() || duration.isNegative()) throw bad("--duration must be positive");
        if (warmup.isNegative()) throw bad("--warmup must not be negative");
        if (connections < 1 || connections > 100_000) throw bad("--connections must be between 1 and 100000, not " + connections);
        if (eventLoops < 1 || eventLoops > 64) throw bad("--event-loops must be between 1 and 64, not " + eventLoops);
        if (connections < eventLoops) throw bad("--connections (" + connections + ") must be at least --event-loops (" + eventLoops + ")");
        if (!(cpuShare >= 0 && cpuShare <= 1)) throw bad("--cpu-share must be between 0 and 1, not " + cpuShare);
        if (maxInFlight < 1) throw bad("--max-in-flight must be positive");
        if (streamValues < 1) throw bad("--stream-values must be positive");
        Target target;
        try {
            target = Target.parse(url, apiKey == null || apiKey.isBlank() ? null : apiKey);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        return new LoadConfig(sc, target, tr, rate, duration, warmup, connections, eventLoops, cpuShare, maxInFlight,
                drainTimeout, streamValues, serverPid, quiet ? null : progress);
    }

    ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
