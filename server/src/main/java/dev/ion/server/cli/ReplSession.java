package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of a REPL: the entries that ran successfully so far, replayed silently (output discarded,
 * same random seed) before each new entry in a fresh engine, so definitions carry over.
 */
final class ReplSession {
    /** A host function called between the replayed session and the new entry: output is shown from then on. */
    static final String BOUNDARY = "__ion_repl_boundary__";

    /** An accepted entry: its number and where its lines sit in the session source. */
    private record Accepted(int number, int startLine, int lineCount, int sessionLength, int sessionLines) {
    }

    private final EngineOptions options;
    private final long seed;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ErrorPrinter errors;
    private final StringBuilder session = new StringBuilder();
    private int sessionLines;
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<Value> history = new ArrayList<>();
    private int entries;

    ReplSession(EngineOptions options, long seed, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.seed = seed;
        this.out = out;
        this.err = err;
        this.errors = new ErrorPrinter(err);
    }

    /** The values printed so far, in order: {@code [n]} is element n - 1. */
    List<Value> history() {
        return List.copyOf(history);
    }

    /** Evaluates one complete entry, printing its output, then {@code [n] repr} or its error. */
    void eval(String entry) {
        String text = entry.endsWith("\n") ? entry : entry + "\n";
        int number = ++entries;
        while (true) {
            Attempt a = attempt(text, number);
            if (a == null) return;
            if (a.reachedEntry()) {
                accept(text, number, a.value());
                return;
            }
            Accepted last = accepted.remove(accepted.size() - 1);
            session.setLength(last.sessionLength());
            sessionLines = last.sessionLines();
            err.println("note: entry " + last.number() + " ends the script early (top-level return or ?);"
                    + " it was dropped from the session");
            err.flush();
        }
    }

    /** One run of session + entry; null when it failed (the error has been printed). */
    private record Attempt(Value value, boolean reachedEntry) {
    }

    private Attempt attempt(String entry, int number) {
        String source = session + BOUNDARY + "();\n" + entry;
        int entryStart = sessionLines + 2;
        SourceMap map = line -> origin(line, entryStart, number, source);
        AtomicBoolean reached = new AtomicBoolean();
        LiveOutput live = new LiveOutput(out);
        Engine engine = options.newEngine().setRandomSeed(seed);
        engine.setOutputHandler(t -> {
            if (reached.get()) live.accept(t);
        });
        engine.registerFn(BOUNDARY, args -> {
            reached.set(true);
            return null;
        });
        try {
            engine.check(source);
        } catch (IonException e) {
            errors.compileError(map, e);
            return null;
        }
        try {
            Value v = ThreadDeaths.watch(engine.evalAsync(source)).join();
            live.finishLine();
            return new Attempt(v, reached.get());
        } catch (CompletionException e) {
            live.finishLine();
            if (e.getCause() instanceof IonException ie) errors.runtimeError(map, ie);
            else errors.internalError("<repl>", e.getCause());
            return null;
        }
    }

    private void accept(String entry, int number, Value value) {
        accepted.add(new Accepted(number, sessionLines + 1, lineCount(entry), session.length(), sessionLines));
        session.append(entry).append(";\n");
        sessionLines += lineCount(entry) + 1;
        if (value != null && !value.isUnit()) {
            history.add(value);
            out.println("[" + history.size() + "] " + value.repr());
        }
        out.flush();
    }

    private SourceMap.Origin origin(int line, int entryStart, int number, String source) {
        String[] lines = source.split("\n", -1);
        String text = line >= 1 && line <= lines.length ? SourceMap.stripCr(lines[line - 1]) : "";
        if (line >= entryStart) return new SourceMap.Origin("<repl:" + number + ">", line - entryStart + 1, text);
        for (Accepted a : accepted) {
            if (line >= a.startLine() && line < a.startLine() + a.lineCount()) {
                return new SourceMap.Origin("<repl:" + a.number() + ">", line - a.startLine() + 1, text);
            }
        }
        return new SourceMap.Origin("<repl>", 0, "");
    }

    private static int lineCount(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') n++;
        }
        return n;
    }
}
