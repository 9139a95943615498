package dev.ion.loadtests.load;

import java.util.Locale;

/**
 * The workloads of {@code ion loadtest --scenario}: what each arrival asks the server to run.
 * {@code stream} is a single long run measured in events per second rather than a stream of
 * arrivals (see {@link StreamTest}); {@code baseline} sends trivial runs to a plain Vert.x
 * server the command starts itself ({@link BaselineServer}).
 */
enum Scenario {
    TRIVIAL("trivial runs ({\"source\": \"1 + 1\"})"),
    SLEEPERS("runs that each sleep(1000): rate × 1 s of them are in flight at once"),
    MIXED("CPU-bound runs (fuel 10^6) among trivial ones; trivial latency reported on its own"),
    STREAM("one WebSocket run streaming channel values; events/s"),
    BASELINE("trivial requests against a plain Vert.x server that returns a constant");

    static final String TRIVIAL_LABEL = "trivial";
    static final String CPU_LABEL = "cpu";
    static final String SLEEP_LABEL = "sleep";

    static final RunRequest TRIVIAL_RUN = RunRequest.of(TRIVIAL_LABEL, "1 + 1", null);
    static final RunRequest SLEEPER_RUN = RunRequest.of(SLEEP_LABEL, "sleep(1000); 1", null);
    /**
     * A loop that spends about 8.8·10^5 of its 10^6 fuel and then succeeds, so a CPU-bound run is
     * a success (a limit error would hide real failures among expected ones).
     */
    static final RunRequest CPU_RUN = RunRequest.of(CPU_LABEL,
            "let mut i = 0; let mut s = 0; while i < " + Scenario.CPU_LOOP_ITERATIONS
                    + " { s = (s + i * 3) % 1000003; i += 1 }; s",
            "{\"fuel\":1000000}");
    static final int CPU_LOOP_ITERATIONS = 80_000;

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The run for arrival number {@code i} (from 0); {@code cpuShare} only matters for MIXED. */
    RunRequest request(long i, double cpuShare) {
        return switch (this) {
            case TRIVIAL, BASELINE -> TRIVIAL_RUN;
            case SLEEPERS -> SLEEPER_RUN;
            case MIXED -> Math.floor((i + 1) * cpuShare) > Math.floor(i * cpuShare) ? CPU_RUN : TRIVIAL_RUN;
            case STREAM -> throw new IllegalStateException("stream has no arrivals");
        };
    }

    /** The label whose latency is the scenario's headline figure. */
    String headlineLabel() {
        return this == SLEEPERS ? SLEEP_LABEL : TRIVIAL_LABEL;
    }

    static Scenario parse(String s) {
        for (Scenario v : values()) {
            if (v.cliName().equals(s)) return v;
        }
        throw new IllegalArgumentException("unknown scenario '" + s + "' (known: trivial, sleepers, mixed, stream, baseline)");
    }
}
