package dev.ion.tier;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import dev.ion.engine.Value;
import dev.ion.engine.conformance.HostFixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything observable about one run of a {@link ScriptCase}: what it printed and logged, its value or its
 * error (kind, message, position, trace), the fuel it used and its peak memory. The differential test makes one
 * in each tier mode and compares them field by field; {@link #encode}/{@link #decode} carry a record from the
 * child JVM as one tab-separated line.
 */
record RunRecord(String name, Map<String, String> fields) {
    /** Seeds {@code rand}, so that scripts drawing random numbers draw the same ones in both JVMs. */
    static final long RANDOM_SEED = 7;
    private static final long TIMEOUT_SECONDS = 60;

    /** Runs {@code c} on a fresh engine with the conformance host functions and records what happened. */
    static RunRecord of(ScriptCase c) {
        StringBuilder out = new StringBuilder();
        StringBuilder log = new StringBuilder();
        Engine engine = new Engine()
                .setLimits(c.limits())
                .setRandomSeed(RANDOM_SEED)
                .setOutputHandler(text -> {
                    synchronized (out) {
                        out.append(text);
                    }
                })
                .setLogHandler((level, message) -> {
                    synchronized (log) {
                        log.append(level).append(": ").append(message).append('\n');
                    }
                });
        HostFixtures.install(engine);
        Run[] run = new Run[1];
        Map<String, String> f = new LinkedHashMap<>();
        String value = null;
        Throwable failure = null;
        try {
            CompletableFuture<Value> result = engine.evalAsync(c.source(), r -> run[0] = r);
            try {
                value = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).repr();
            } catch (TimeoutException e) {
                if (run[0] != null) run[0].cancel();
                failure = e;
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (out) {
            f.put("output", out.toString());
        }
        synchronized (log) {
            f.put("log", log.toString());
        }
        f.put("value", value == null ? "-" : value);
        describe(failure, f);
        f.put("fuel", run[0] == null ? "-" : Long.toString(run[0].fuelUsed()));
        f.put("peakMemory", run[0] == null ? "-" : Long.toString(run[0].peakMemoryBytes()));
        return new RunRecord(c.name(), f);
    }

    /** The error's kind, message, position ({@code line:column}) and trace; a host exception as itself. */
    private static void describe(Throwable e, Map<String, String> f) {
        if (e instanceof IonException ie) {
            f.put("errorKind", ie.kind().label());
            f.put("errorMessage", ie.getMessage());
            f.put("errorPosition", ie.line() + ":" + ie.column());
            f.put("errorTrace", ie.trace().toString());
        } else {
            f.put("errorKind", e == null ? "-" : "host exception " + e);
            f.put("errorMessage", "-");
            f.put("errorPosition", "-");
            f.put("errorTrace", "-");
        }
    }

    String field(String key) {
        return fields.get(key);
    }

    /** The fields whose values differ from {@code other}'s, each as {@code field: this <> other}. */
    List<String> differences(RunRecord other, String thisMode, String otherMode) {
        List<String> diffs = new ArrayList<>();
        for (String key : fields.keySet()) {
            String a = fields.get(key);
            String b = other.fields.get(key);
            if (!a.equals(b)) diffs.add(key + ": " + thisMode + "=<" + a + "> " + otherMode + "=<" + b + ">");
        }
        return diffs;
    }

    /** One line: the name, then key=value pairs, tab-separated, with tabs, newlines and backslashes escaped. */
    String encode() {
        StringBuilder sb = new StringBuilder(escape(name));
        fields.forEach((k, v) -> sb.append('\t').append(k).append('=').append(escape(v)));
        return sb.toString();
    }

    static RunRecord decode(String line) {
        String[] parts = line.split("\t", -1);
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            f.put(parts[i].substring(0, eq), unescape(parts[i].substring(eq + 1)));
        }
        return new RunRecord(unescape(parts[0]), f);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
