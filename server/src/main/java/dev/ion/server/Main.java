package dev.ion.server;

import dev.ion.server.cli.CheckCommand;
import dev.ion.server.cli.DisasmCommand;
import dev.ion.server.cli.EvalCommand;
import dev.ion.server.cli.ExitCodes;
import dev.ion.server.cli.ReplCommand;
import dev.ion.server.cli.RunCommand;
import dev.ion.server.cli.ServeCommand;
import dev.ion.server.cli.TestCommand;
import dev.ion.server.cli.VersionProvider;
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
import java.util.concurrent.Callable;

/** The {@code ion} command: entry point of the CLI, dispatching to one subcommand class each. */
@Command(name = "ion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run, check, test and inspect Ion scripts, or serve them over HTTP and WebSocket.",
        subcommands = {RunCommand.class, EvalCommand.class, CheckCommand.class, TestCommand.class,
                DisasmCommand.class, ReplCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:some `ion test` script failed",
                "2:usage error (bad option, unreadable file)",
                "65:compile error (lex, parse, name)",
                "70:runtime error (including limits and cancellation)"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(utf8Writer(FileDescriptor.out));
        cl.setErr(utf8Writer(FileDescriptor.err));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }

    private static PrintWriter utf8Writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
    }
}
