package dev.ion.server;

import dev.ion.engine.vm.Interpreter;
import dev.ion.server.cli.CheckCommand;
import dev.ion.server.cli.DisasmCommand;
import dev.ion.server.cli.EvalCommand;
import dev.ion.server.cli.ExitCodes;
import dev.ion.server.cli.PlainRun;
import dev.ion.server.cli.ReplCommand;
import dev.ion.server.cli.RunCommand;
import dev.ion.server.cli.ServeCommand;
import dev.ion.server.cli.SubmitCommand;
import dev.ion.server.cli.TestCommand;
import dev.ion.server.cli.VersionProvider;
import dev.ion.tier.AsmLoopCompiler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The {@code ion} command: entry point of the CLI, dispatching to one subcommand class each. */
@Command(name = "ion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run, check, test and inspect Ion scripts, or serve them over HTTP and WebSocket.",
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:some `ion test` script failed",
                "2:usage error (bad option, unreadable file)",
                "65:compile error: a problem `ion check` reports (lex, parse, or a name or type"
                        + " problem known before running, e.g. assigning to an immutable binding)",
                "69:`ion serve` cannot listen (address in use, not permitted, not this machine's);"
                        + " `ion submit` cannot reach the server or is refused (connection, 401, 429, 503)",
                "70:runtime error: anything raised while running, including an undefined name,"
                        + " a limit and cancellation; `ion serve`: any other failure to start"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        Interpreter.useLoopCompiler(new AsmLoopCompiler());
        PrintWriter out = utf8Writer(FileDescriptor.out);
        PrintWriter err = utf8Writer(FileDescriptor.err);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command {@code args} name and returns its exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            OptionalInt plain = PlainRun.tryRun(args, out, err);
            if (plain.isPresent()) return plain.getAsInt();
        } catch (RuntimeException e) {
            return unexpected(e, err);
        }
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * The command line that executes {@code args}. Building picocli's model of every
     * subcommand costs tens of milliseconds of start-up, so only the named subcommand is
     * registered; help and usage errors get all of them.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::unexpected);
        Map<String, Supplier<Object>> subcommands = subcommands();
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? subcommands.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named.get());
        } else {
            subcommands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        return cl;
    }

    /** A failure no command expected: one line without Java names, the stack trace only with ION_DEBUG set. */
    private static int unexpected(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return unexpected(e, cmd.getErr());
    }

    private static int unexpected(Exception e, PrintWriter err) {
        err.println("ion: internal error: " + dev.ion.protocol.UserText.clean(e.getMessage(), "unexpected failure")
                + " (set ION_DEBUG=1 to see where)");
        if (System.getenv("ION_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return ExitCodes.SOFTWARE;
    }

    /** The subcommands, in the order help lists them. */
    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("run", RunCommand::new);
        all.put("eval", EvalCommand::new);
        all.put("check", CheckCommand::new);
        all.put("test", TestCommand::new);
        all.put("disasm", DisasmCommand::new);
        all.put("repl", ReplCommand::new);
        all.put("serve", ServeCommand::new);
        all.put("submit", SubmitCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }

    private static PrintWriter utf8Writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
    }
}
