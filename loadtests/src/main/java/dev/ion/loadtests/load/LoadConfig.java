package dev.ion.loadtests.load;

import java.io.PrintStream;
import java.time.Duration;

/**
 * One load test's settings, already validated by the command line. {@code serverPid} (or -1)
 * names the server process whose CPU time the summary reports; {@code progress} receives the
 * line printed each second (null for none).
 */
record LoadConfig(Scenario scenario, Target target, String transport, double rate, Duration duration,
                  Duration warmup, int connections, int eventLoops, double cpuShare, long maxInFlight,
                  Duration drainTimeout, long streamValues, long serverPid, PrintStream progress) {

    LoadConfig withRate(double r) {
        return new LoadConfig(scenario, target, transport, r, duration, warmup, connections, eventLoops, cpuShare,
                maxInFlight, drainTimeout, streamValues, serverPid, progress);
    }

    LoadConfig withTimes(Duration d, Duration w) {
        return new LoadConfig(scenario, target, transport, rate, d, w, connections, eventLoops, cpuShare,
                maxInFlight, drainTimeout, streamValues, serverPid, progress);
    }

    LoadConfig withTarget(Target t, long pid) {
        return new LoadConfig(scenario, t, transport, rate, duration, warmup, connections, eventLoops, cpuShare,
                maxInFlight, drainTimeout, streamValues, pid, progress);
    }
}
