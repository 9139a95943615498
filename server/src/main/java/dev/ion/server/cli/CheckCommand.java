package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ion check FILE…}: compiles scripts without running them and reports every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compile Ion scripts without running them.",
                "Prints 'FILE: ok' for each clean file and every problem of the others;"
                        + " exits 65 if any file has errors (2 if one cannot be read).",
                "Names are looked up when the code runs, so an undefined name is not reported here."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The scripts to check.")
    List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ErrorPrinter errors = new ErrorPrinter(err);
        boolean unreadable = false;
        boolean failed = false;
        for (String file : files) {
            String name = SourceFiles.displayName(file);
            String source;
            try {
                source = SourceFiles.read(file);
            } catch (SourceFiles.UnreadableException e) {
                err.println(e.getMessage());
                err.flush();
                unreadable = true;
                continue;
            }
            try {
                new Engine().check(source);
                out.println(name + ": ok");
                out.flush();
            } catch (IonException e) {
                errors.compileError(SourceMap.of(name, source), e);
                failed = true;
            }
        }
        return unreadable ? ExitCodes.USAGE : failed ? ExitCodes.COMPILE_ERROR : ExitCodes.OK;
    }
}
