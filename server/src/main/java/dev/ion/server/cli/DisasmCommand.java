package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ion disasm FILE}: prints the bytecode a script compiles to. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = "Compile an Ion script and print its bytecode listing (nothing is run).")
public final class DisasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script to disassemble.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source;
        try {
            source = SourceFiles.read(file);
        } catch (SourceFiles.UnreadableException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            String listing = new Engine().disassemble(source);
            out.print(listing.endsWith("\n") ? listing : listing + "\n");
            out.flush();
            return ExitCodes.OK;
        } catch (IonException e) {
            new ErrorPrinter(err).compileError(SourceMap.of(SourceFiles.displayName(file), source), e);
            return ExitCodes.COMPILE_ERROR;
        }
    }
}
