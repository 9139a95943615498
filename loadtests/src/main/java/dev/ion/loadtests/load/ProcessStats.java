package dev.ion.loadtests.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time of this process and of the server's, and the machine's load average: on a shared
 * two-core machine wall-clock figures are noisy, so every summary carries these beside them.
 */
final class ProcessStats {
    private ProcessStats() {
    }

    /** CPU time (user + system) of this JVM so far, in seconds. */
    static double ownCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** CPU time of process {@code pid} so far in seconds, or -1 when it cannot be read. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) return -1;
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .map(n -> n / 1e9).orElse(-1.0);
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
