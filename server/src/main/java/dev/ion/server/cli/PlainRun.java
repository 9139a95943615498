package dev.ion.server.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;

/**
 * Runs {@code ion run FILE} and {@code ion eval SRC} without options — the commands that scripts and
 * benchmarks start most — without picocli. Its classes (built for Java 5) stay out of the class-data
 * archive, and building its model of a command takes about half the start-up of a short script. Every
 * other argument list, including any option, goes through picocli as before.
 */
public final class PlainRun {
    private PlainRun() {
    }

    /** The exit code of the run, or empty when {@code args} are not one of the two plain forms. */
    public static OptionalInt tryRun(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length != 2 || (args[1].startsWith("-") && !args[1].equals("-"))) return OptionalInt.empty();
        return switch (args[0]) {
            case "run" -> OptionalInt.of(RunCommand.run(args[1], null, new EngineOptions(), ValueFormat.NONE, out, err));
            case "eval" -> args[1].equals("-") ? OptionalInt.empty()
                    : OptionalInt.of(new ScriptRunner(out, err).run("<eval>", args[1], new EngineOptions(), ValueFormat.DISPLAY));
            default -> OptionalInt.empty();
        };
    }
}
