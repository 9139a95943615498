package dev.ion.loadtests.attack;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How much slower than an idle machine this one is right now, so that the attack suite's
 * latency promises hold the server, not the machine, to account. The factor is the one-minute
 * load average per core, taken before an attack's server starts (at least 1): on an idle CI
 * machine the promises apply as written; on a machine shared with other builds every bound
 * stretches by the share of the CPUs the suite can expect. {@code -Dion.attack.strict=true}
 * keeps the written bounds whatever the load.
 */
record MachineLoad(double loadAverage, int cores, double factor) {
    static MachineLoad now() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        boolean strict = Boolean.getBoolean("ion.attack.strict");
        double factor = strict || load < 0 ? 1 : Math.max(1, load / cores);
        return new MachineLoad(load, cores, factor);
    }

    Duration stretch(Duration bound) {
        return Duration.ofMillis(Math.round(bound.toMillis() * factor));
    }

    @Override
    public String toString() {
        return String.format("load average %.1f on %d cores: bounds x%.1f", loadAverage, cores, factor);
    }
}
