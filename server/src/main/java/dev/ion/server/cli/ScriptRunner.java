package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import dev.ion.engine.Value;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Compiles, then runs one script on a fresh engine with live output, and maps the outcome to an exit code. */
final class ScriptRunner {
    private static final int INPUT_CAPACITY = 16;

    private final PrintWriter out;
    private final ErrorPrinter errors;

    ScriptRunner(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.errors = new ErrorPrinter(err);
    }

    int run(String name, String source, EngineOptions options, ValueFormat format) {
        return run(name, source, options, format, null);
    }

    /** Runs with {@code input} (when not null) fed to the script's {@code input} receiver, which then closes. */
    int run(String name, String source, EngineOptions options, ValueFormat format, List<Value> input) {
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
            value = ThreadDeaths.watch(input == null ? engine.evalAsync(source)
                    : engine.evalAsync(source, run -> feed(run, input))).join();
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

    private static void feed(Run run, List<Value> values) {
        InputChannel channel = run.inputChannel("input", INPUT_CAPACITY);
        offerFrom(channel, values, 0);
    }

    /** Offers one value at a time, each once the previous was accepted, then closes the channel. */
    private static void offerFrom(InputChannel channel, List<Value> values, int i) {
        if (i == values.size()) {
            channel.close();
            return;
        }
        channel.offer(values.get(i)).thenRun(() -> offerFrom(channel, values, i + 1));
    }
}
