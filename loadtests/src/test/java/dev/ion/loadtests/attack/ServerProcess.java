package dev.ion.loadtests.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged server ({@code server/target/ion.jar serve}) in its own JVM with a small heap,
 * as an operator would start it. Its output is pumped into a log file and kept in memory so
 * tests can await log lines (no polling) and look for an OutOfMemoryError afterwards; the
 * JVM is told to print a marker line the moment any OutOfMemoryError is thrown, even one the
 * server catches. Heap readings force a full GC with {@code jcmd PID GC.run} first. Public
 * because the load generator's smoke test ({@code LoadTestSmokeIT}) starts its server this way too.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private String url;
    private boolean ended;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a server with {@code yaml} as its config file and waits for its "listening" line. */
    public static ServerProcess start(String name, List<String> jvmFlags, String yaml, Duration startup) throws Exception {
        Path dir = Path.of("target", "attack-suite").toAbsolutePath();
        Files.createDirectories(dir);
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar().toString(), "serve", "--port", "0", "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ServerProcess s = new ServerProcess(p, log);
        Thread pump = new Thread(s::pump, "server-output-" + name);
        pump.setDaemon(true);
        pump.start();
        String listening = s.awaitLine(l -> l.contains("\"msg\":\"listening\""), startup);
        if (listening == null) {
            s.close();
            throw new AssertionError("the server did not start within " + startup + "; its output:\n" + s.output());
        }
        int at = listening.indexOf("\"url\":\"") + 7;
        s.url = listening.substring(at, listening.indexOf('"', at));
        return s;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("ion.jar", "../server/target/ion.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the packaged server " + jar + " is missing: build the server module first");
        }
        return jar;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    public String url() {
        return url;
    }

    String host() {
        return URI.create(url).getHost();
    }

    int port() {
        return URI.create(url).getPort();
    }

    public long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String output() {
        List<String> tail = lines.size() > 60 ? lines.subList(lines.size() - 60, lines.size()) : lines;
        return String.join("\n", tail) + "\n(full log: " + log + ")";
    }

    /** The first output line matching, waiting for it up to {@code timeout}; null if none came. */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        List<String> found = awaitLines(match, 1, timeout);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Waits until {@code count} lines match (or the timeout passes, or the process ends) and returns those seen. */
    synchronized List<String> awaitLines(Predicate<String> match, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> found = lines.stream().filter(match).toList();
            long left = end - System.nanoTime();
            if (found.size() >= count || ended || left <= 0) return found;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every line of output that reports an OutOfMemoryError (the JVM's own marker included). */
    synchronized List<String> outOfMemoryLines() {
        return lines.stream().filter(l -> l.contains("OutOfMemoryError")).toList();
    }

    /** Forces a full GC in the server and returns the heap in use right after it, from /metrics. */
    long heapAfterGc() throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid()), "GC.run").redirectErrorStream(true).start();
            String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid() + " GC.run failed: " + said);
            }
            try {
                best = Math.min(best, (long) Metrics.of(this).sum("jvm_memory_used_bytes", "area=\"heap\""));
            } catch (RawHttp.TooSlow e) {
                throw new AssertionError("the server did not answer /metrics within 60 s after a full GC; its output:\n"
                        + output(), e);
            }
        }
        return best;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A scrape of the server's Prometheus metrics. */
    record Metrics(String text) {
        static Metrics of(ServerProcess s) throws Exception {
            RawHttp.Response r = RawHttp.request(s.host(), s.port(), null, "GET", "/metrics", Map.of(), null,
                    Duration.ofSeconds(60));
            if (r.status() != 200) throw new AssertionError("/metrics answered " + r.status());
            return new Metrics(r.body());
        }

        /** The sum of the samples of {@code name} whose labels contain {@code labelFragment} ("" for all). */
        double sum(String name, String labelFragment) {
            double total = 0;
            boolean seen = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !line.startsWith(name)) continue;
                String rest = line.substring(name.length());
                if (!rest.startsWith("{") && !rest.startsWith(" ")) continue;
                if (!labelFragment.isEmpty() && !rest.contains(labelFragment)) continue;
                total += Double.parseDouble(rest.substring(rest.lastIndexOf(' ') + 1));
                seen = true;
            }
            if (!seen) throw new AssertionError("no metric " + name + " {" + labelFragment + "} in /metrics");
            return total;
        }
    }
}
