package dev.ion.server.cli;

import dev.ion.engine.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ion run FILE}: runs a script, streaming what it prints. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an Ion script, printing its output as it is produced.",
                "Sleep, tasks and channels work; the script runs with no fuel, deadline or output limit"
                        + " unless --limit sets one. FILE may be - for standard input.",
                "With --input or --input-file, the script's input receiver yields those values, then None;"
                        + " without them the script has no input. `ion submit` takes the same options."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script to run.")
    String file;

    @Option(names = "--repr", description = "After the output, print the script's final value in repr form"
            + " (unless it is ()).")
    boolean repr;

    @Mixin
    InputOptions input;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        return run(file, input, engine, repr ? ValueFormat.REPR : ValueFormat.NONE, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** Runs the script in {@code file} ({@code -}: standard input); {@code input} may be null (no input values). */
    static int run(String file, InputOptions input, EngineOptions engine, ValueFormat format, PrintWriter out,
            PrintWriter err) {
        String source;
        List<Value> values = null;
        try {
            // Only a run given input pays for the JSON reader (it costs a short script a third of its time).
            if (input != null && input.given()) values = input.read(file).values();
            source = SourceFiles.read(file);
        } catch (SourceFiles.UnreadableException | InputValues.BadInputException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        return new ScriptRunner(out, err).run(SourceFiles.displayName(file), source, engine, format, values);
    }
}
