package dev.ion.loadtests;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal stand-in for {@code ion run FILE}, used by cli-bench/run.sh when the
 * repository's {@code ./ion} launcher is not there and by CompareScriptTest as compare/run.sh's
 * Ion (through {@code ION_CMD}): reads the file, runs it with
 * {@code new Engine()} (CLI limits), writes what it prints to stdout, exits 1 on error.
 *
 * <pre>java -Xss16m -cp loadtests/target/benchmarks.jar dev.ion.loadtests.RunScript FILE</pre>
 */
public final class RunScript {
    private RunScript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RunScript FILE.ion");
            System.exit(2);
        }
        String source = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        Engine engine = new Engine().setOutputHandler(text -> {
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int status = 0;
        try {
            engine.evalAsync(source).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof IonException ie ? ie : e;
            out.flush();
            System.err.println("error: " + cause.getMessage());
            status = 1;
        }
        out.flush();
        System.exit(status);
    }
}
