package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;

/** Compiles, then runs one script on a fresh engine with live output, and maps the outcome to an exit code. */
final class ScriptRunner {
    private final PrintWriter out;
    private final ErrorPrinter errors;

    ScriptRunner(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.errors = new ErrorPrinter(err);
    }

    int run(String name, String source, EngineOptions options, ValueFormat format) {
        SourceMap map = SourceMap.of(name, source);
        Engine engine = options.newEngine();
        LiveOutput live = new LiveOutput(out);
        engine.setOutputHandler(live);
        try {
            engine.check(source);
        } catch (IonException e) {
            errors.compileError(map, e);
            return ExitCodes.COMPILE_ERROR;
        }
        Value value;
        try {
            value = ThreadDeaths.watch(engine.evalAsync(source)).join();
        } catch (CompletionException e) {
            live.finishLine();
            if (e.getCause() instanceof IonException ie) {
                errors.runtimeError(map, ie);
            } else {
                errors.internalError(name, e.getCause());
            }
            return ExitCodes.RUNTIME_ERROR;
        }
        String text = format.format(value);
        if (text != null) {
            live.finishLine();
            out.println(text);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
