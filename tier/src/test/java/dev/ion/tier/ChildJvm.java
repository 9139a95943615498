package dev.ion.tier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's class path running {@link RecordMain} in a given tier mode (with the tier off: the
 * interpreter's records to compare with). Its records are handed out by case name as they arrive, so that the
 * child's runs overlap this JVM's. Like the test JVM (see tier/pom.xml) it keeps the messages of host
 * exceptions that the JIT would otherwise drop after many throws, since they end up in Ion error messages.
 */
final class ChildJvm {
    private static final long WAIT_MINUTES = 10;

    private final Process process;
    private final Path stderr;
    private final Map<String, CompletableFuture<RunRecord>> records = new HashMap<>();
    private final CompletableFuture<String> mode = new CompletableFuture<>();
    /** Completes with the names the child recorded once it exited, or with why it failed. */
    private final CompletableFuture<Set<String>> finished = new CompletableFuture<>();
    private final CompletableFuture<Long> compiled = new CompletableFuture<>();
    private IllegalStateException closed;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts recording the cases of {@code caseSet} (see {@link Cases#named}) with {@code ion.tier=mode}. */
    static ChildJvm start(String mode, String caseSet) {
        try {
            Path stderr = Files.createTempFile("tier-child-" + mode, ".stderr");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dion.tier=" + mode, "-XX:-OmitStackTraceInFastThrow", "-cp", System.getProperty("java.class.path"),
                    RecordMain.class.getName(), caseSet)
                    .redirectError(stderr.toFile())
                    .start();
            p.getOutputStream().close();
            ChildJvm child = new ChildJvm(p, stderr);
            Thread reader = new Thread(child::read, "tier-child-reader-" + mode);
            reader.setDaemon(true);
            reader.start();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code ion.tier} mode the child reported running in. */
    String mode() throws Exception {
        return mode.get(WAIT_MINUTES, TimeUnit.MINUTES);
    }

    /** The child's record of case {@code name}, once it has printed it. */
    RunRecord await(String name) throws Exception {
        return future(name).get(WAIT_MINUTES, TimeUnit.MINUTES);
    }

    /** The names of every case the child recorded, once it has exited cleanly. */
    Set<String> recordedNames() throws Exception {
        return finished.get(WAIT_MINUTES, TimeUnit.MINUTES);
    }

    /** How many functions the tier compiled in the child, once it has exited cleanly. */
    long compiledFunctions() throws Exception {
        recordedNames();
        return compiled.get(WAIT_MINUTES, TimeUnit.MINUTES);
    }

    void destroy() {
        process.destroyForcibly();
    }

    private synchronized CompletableFuture<RunRecord> future(String name) {
        return records.computeIfAbsent(name, n -> closed == null ? new CompletableFuture<>()
                : CompletableFuture.failedFuture(new IllegalStateException("the child JVM recorded no case " + n, closed)));
    }

    private void read() {
        Set<String> names = new TreeSet<>();
        String failure = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            boolean done = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("MODE\t")) {
                    mode.complete(line.substring("MODE\t".length()));
                } else if (line.startsWith(RecordMain.PREFIX)) {
                    RunRecord r = RunRecord.decode(line.substring(RecordMain.PREFIX.length()));
                    if (!names.add(r.name())) failure = "the child recorded " + r.name() + " twice";
                    future(r.name()).complete(r);
                } else if (line.startsWith(RecordMain.DONE)) {
                    compiled.complete(Long.parseLong(line.substring(RecordMain.DONE.length())));
                    done = true;
                }
            }
            int code = process.waitFor();
            if (!done || code != 0) failure = "the child JVM exited with " + code + (done ? "" : " before it was done");
        } catch (IOException | InterruptedException e) {
            failure = "reading the child JVM failed: " + e;
        }
        IllegalStateException e = new IllegalStateException((failure == null ? "the child JVM is done" : failure)
                + "; its stderr:\n" + stderrTail());
        synchronized (this) {
            closed = e;
            records.values().forEach(f -> f.completeExceptionally(e));
        }
        mode.completeExceptionally(e);
        compiled.completeExceptionally(e);
        if (failure == null) finished.complete(names);
        else finished.completeExceptionally(e);
    }

    private String stderrTail() {
        try {
            String s = Files.readString(stderr);
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
