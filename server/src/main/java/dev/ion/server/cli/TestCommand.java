package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.conformance.HostFixtures;
import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code ion test PATH…}: runs conformance scripts (LANGUAGE.md §11) and reports pass/fail per file. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run conformance scripts: each .ion file (directories are searched recursively) is run"
                + " with the host fixtures host_delay and host_fail, and its output, final value and error"
                + " are compared with its // expect…: comments.",
                "Prints PASS/FAIL per file, then 'N passed, M failed'; exits 1 if any script failed."})
public final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Script files or directories.")
    List<Path> paths;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Fail a script that runs longer than this (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> scripts = new ArrayList<>();
        try {
            for (Path p : paths) scripts.addAll(TestFiles.collect(p));
        } catch (SourceFiles.UnreadableException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (scripts.isEmpty()) {
            err.println("ion: no .ion files found in " + paths);
            return ExitCodes.USAGE;
        }
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ion-test");
            t.setDaemon(true);
            return t;
        });
        int passed = 0;
        int failed = 0;
        try {
            for (Path script : scripts) {
                ScriptResult r = checkOne(pool, script);
                if (r.passed()) {
                    passed++;
                    out.println("PASS " + r.name() + " (" + r.millis() + " ms)");
                } else {
                    failed++;
                    out.println("FAIL " + r.name());
                    for (String f : r.failures()) out.println("    " + f);
                }
                out.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.TEST_FAILED;
    }

    private ScriptResult checkOne(ExecutorService pool, Path script) {
        String name = script.toString();
        String source;
        try {
            source = SourceFiles.read(name);
        } catch (SourceFiles.UnreadableException e) {
            return new ScriptResult(name, List.of(e.getMessage()), 0);
        }
        long limitMs = TimeUnit.SECONDS.toMillis(timeoutSeconds);
        ScriptChecker checker = new ScriptChecker(engine -> setUp(engine, limitMs));
        CompletableFuture<ScriptResult> future =
                ThreadDeaths.watch(CompletableFuture.supplyAsync(() -> checker.check(name, source), pool));
        try {
            // The deadline set in setUp stops a runaway script; this wait is the backstop.
            return future.get(limitMs + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ScriptResult(name, List.of("timed out after " + timeoutSeconds + " s"), limitMs);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            return new ScriptResult(name, List.of("host exception: " + cause), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScriptResult(name, List.of("interrupted"), 0);
        }
    }

    /** Registers the conformance host fixtures and caps the run's deadline at the per-file timeout. */
    private static void setUp(Engine engine, long limitMs) {
        HostFixtures.install(engine);
        if (engine.limits().deadlineMs() > limitMs) {
            engine.setLimits(engine.limits().toBuilder().deadlineMs(limitMs).build());
        }
    }
}
