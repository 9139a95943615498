package dev.ion.server.cli;

import dev.ion.engine.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code ion repl}: reads Ion entries from standard input and prints their values. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Read-eval-print loop on standard input (works with piped input too); Ctrl-D exits.",
                "An entry continues over several lines while a bracket, brace or paren or a string is open."
                        + " Each non-() value is printed as '[n] repr'; ':history' lists them again.",
                "How definitions carry over: every entry runs in a fresh engine as the source of all earlier"
                        + " entries that ran without error, followed by the new entry. The earlier entries are"
                        + " replayed silently (their output is discarded and the rand module is seeded the same"
                        + " way each time), so a `let` or `fn` stays visible, but their work - including sleeps"
                        + " and fuel spent - is repeated. An entry that fails is forgotten."})
public final class ReplCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = System.console() != null;
        long seed = engine.seed != null ? engine.seed : ThreadLocalRandom.current().nextLong();
        ReplSession session = new ReplSession(engine, seed, out, spec.commandLine().getErr());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (interactive) out.println("Ion REPL. Ctrl-D to exit, :help for commands.");
        StringBuilder pending = new StringBuilder();
        while (true) {
            if (interactive) {
                out.print(pending.isEmpty() ? "ion> " : "...> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) break;
            if (pending.isEmpty() && line.isBlank()) continue;
            if (pending.isEmpty() && line.strip().startsWith(":")) {
                command(line.strip(), session, out);
                continue;
            }
            pending.append(line).append('\n');
            if (InputScanner.isComplete(pending.toString())) {
                session.eval(pending.toString());
                pending.setLength(0);
            }
        }
        if (!pending.toString().isBlank()) session.eval(pending.toString());
        if (interactive) out.println();
        out.flush();
        return ExitCodes.OK;
    }

    private static void command(String line, ReplSession session, PrintWriter out) {
        switch (line) {
            case ":history" -> {
                List<Value> values = session.history();
                for (int i = 0; i < values.size(); i++) out.println("[" + (i + 1) + "] " + values.get(i).repr());
            }
            case ":help" -> {
                out.println(":history  list the values printed so far");
                out.println(":help     this text");
                out.println("Ctrl-D    exit");
            }
            default -> out.println("unknown command " + line + " (try :help)");
        }
        out.flush();
    }
}
