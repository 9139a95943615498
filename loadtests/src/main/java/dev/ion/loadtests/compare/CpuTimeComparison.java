package dev.ion.loadtests.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH comparison's table measured in CPU time instead of wall time, for a shared machine:
 * JMH's average time per run grows with every other process on the cores, the CPU time of
 * the process running the benchmark much less. Like JMH, every (workload, implementation)
 * pair runs in its own JVM (so one implementation's JIT profile cannot slow another's): the
 * child prepares and checks the program, runs it {@code warmups} times, then {@code runs}
 * times, each measured as the process's CPU time (all threads: the JIT compiler and the
 * collector included; at least 200 ms per sample, repeating short programs) and wall time; it
 * prints the medians. The parent prints a markdown table.
 *
 * <pre>java -cp loadtests/target/benchmarks.jar dev.ion.loadtests.compare.CpuTimeComparison [WARMUPS RUNS [WORKLOAD...]]</pre>
 *
 * WORKLOAD is a {@link Workload} name such as {@code FIB}; the defaults are 2 warm-up runs,
 * 5 measured runs and every workload.
 */
public final class CpuTimeComparison {
    private static final long SAMPLE_CPU_NS = 200_000_000L;

    private CpuTimeComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--one")) {
            one(Workload.valueOf(args[1]), Implementation.byId(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        int warmups;
        int runs;
        List<Workload> workloads;
        try {
            warmups = args.length >= 2 ? Integer.parseInt(args[0]) : 2;
            runs = args.length >= 2 ? Integer.parseInt(args[1]) : 5;
            if (args.length == 1 || warmups < 0 || runs < 1) throw new IllegalArgumentException("bad counts");
            workloads = args.length > 2
                    ? Arrays.stream(args, 2, args.length).map(Workload::valueOf).toList()
                    : List.of(Workload.values());
        } catch (IllegalArgumentException e) {
            System.err.println("usage: CpuTimeComparison [WARMUPS RUNS [WORKLOAD...]] with WARMUPS >= 0, RUNS >= 1,"
                    + " WORKLOAD one of " + Arrays.toString(Workload.values()) + " (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        System.err.println("load average before: " + loadAverage());
        Map<Workload, Map<Implementation, double[]>> results = new EnumMap<>(Workload.class);
        for (Workload w : workloads) {
            Map<Implementation, double[]> row = new EnumMap<>(Implementation.class);
            for (Implementation impl : Implementation.values()) {
                double[] cpuWall = child(w, impl, warmups, runs);
                System.err.printf(Locale.ROOT, "%s %s: %.1f ms CPU, %.1f ms wall%n", w, impl.id(), cpuWall[0], cpuWall[1]);
                row.put(impl, cpuWall);
            }
            results.put(w, row);
        }
        System.err.println("load average after: " + loadAverage());
        print(results, warmups, runs);
    }

    private static void print(Map<Workload, Map<Implementation, double[]>> results, int warmups, int runs) {
        StringBuilder head = new StringBuilder("| workload |");
        StringBuilder line = new StringBuilder("|---|");
        for (Implementation impl : Implementation.values()) {
            head.append(' ').append(impl.id()).append(" |");
            line.append("---:|");
        }
        System.out.println(head);
        System.out.println(line);
        results.forEach((w, row) -> {
            StringBuilder r = new StringBuilder("| ").append(w.fileName()).append(" |");
            double ion = row.get(Implementation.ION)[0];
            row.forEach((impl, cpuWall) -> {
                r.append(' ').append(format(cpuWall[0]));
                if (impl != Implementation.ION) r.append(String.format(Locale.ROOT, " (%.2f×)", cpuWall[0] / ion));
                r.append(" |");
            });
            System.out.println(r);
        });
        System.out.printf(Locale.ROOT, "%nms of process CPU time per run (median of %d samples after %d warm-up runs, "
                + "one JVM per cell); in brackets, relative to Ion.%n", runs, warmups);
    }

    private static String format(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : ms >= 1 ? "%.1f" : "%.3f", ms);
    }

    private static double[] child(Workload w, Implementation impl, int warmups, int runs)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xss16m", "-cp", System.getProperty("java.class.path"),
                CpuTimeComparison.class.getName(), "--one", w.name(), impl.id(),
                Integer.toString(warmups), Integer.toString(runs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException(w + " on " + impl.id() + " failed: " + out);
        String[] parts = out.split(" ");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    /**
     * In the child: prints "CPU_MS WALL_MS SUM", the medians over the samples of the CPU and wall
     * time per run, and the sum of all results. The process CPU clock ticks in 10 ms steps on
     * Linux, so a sample repeats the program until it has used at least {@link #SAMPLE_CPU_NS}.
     */
    private static void one(Workload w, Implementation impl, int warmups, int samples) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runner runner = impl.prepareChecked(w, w.benchmarkSize());
        long sink = 0;
        for (int i = 0; i < warmups; i++) sink += runner.run();
        List<Double> cpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int count = 0;
            long used;
            do {
                sink += runner.run();
                count++;
                used = os.getProcessCpuTime() - c0;
            } while (used < SAMPLE_CPU_NS);
            wall.add((System.nanoTime() - t0) / 1e6 / count);
            cpu.add(used / 1e6 / count);
        }
        // The sum of the results is printed too, so that no JIT can drop a run whose result is unused.
        System.out.printf(Locale.ROOT, "%.3f %.3f %d%n", median(cpu), median(wall), sink);
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
