package dev.ion.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ion eval SRC}: runs source given on the command line and prints its value, like a calculator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate Ion source given as an argument: print its output, then its value in display"
                + " form (nothing for ()).", "Example: ion eval '1 + 2' prints 3. Put -- before SRC when it starts with a dash:"
                        + " ion eval -- '-1 + 2'."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "The Ion source to evaluate.")
    String source;

    @Option(names = "--repr", description = "Print the value in repr form (strings quoted) instead.")
    boolean repr;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        return new ScriptRunner(spec.commandLine().getOut(), spec.commandLine().getErr())
                .run("<eval>", source, engine, repr ? ValueFormat.REPR : ValueFormat.DISPLAY);
    }
}
