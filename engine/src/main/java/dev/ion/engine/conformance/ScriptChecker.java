package dev.ion.engine.conformance;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs a conformance script and compares what happened with its {@link Expectations}.
 * Shared by the JUnit suite and {@code ion test}.
 */
public final class ScriptChecker {
    private final Consumer<Engine> setup;

    /** {@code setup} registers host functions (e.g. {@code host_delay}) on each fresh engine. */
    public ScriptChecker(Consumer<Engine> setup) {
        this.setup = setup;
    }

    public ScriptResult check(String name, String source) {
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Expectations expected;
        try {
            expected = Expectations.parse(source);
        } catch (IllegalArgumentException e) {
            return new ScriptResult(name, List.of("bad expectations: " + e.getMessage()), 0);
        }
        StringBuilder out = new StringBuilder();
        Engine engine = new Engine();
        engine.setLimits(expected.limits());
        engine.setOutputHandler(out::append);
        setup.accept(engine);
        Value value = null;
        IonException error = null;
        try {
            value = engine.evalAsync(source).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IonException ie) error = ie;
            else failures.add("host exception: " + e.getCause());
        } catch (IonException e) {
            error = e;
        } catch (RuntimeException | StackOverflowError e) {
            failures.add("host exception: " + e);
        }
        compareOutput(expected.output(), out.toString(), failures);
        if (expected.error() != null) {
            if (error == null) {
                failures.add("expected error containing \"" + expected.error() + "\" but the script succeeded"
                        + (value == null ? "" : " with " + value.repr()));
            } else {
                if (!error.getMessage().contains(expected.error())) {
                    failures.add("expected error containing \"" + expected.error() + "\" but got "
                            + error.kind().label() + ": " + error.getMessage());
                }
                if (expected.errorKind() != null && !expected.errorKind().equals(error.kind().label())) {
                    failures.add("expected error kind " + expected.errorKind() + " but got " + error.kind().label());
                }
            }
        } else if (error != null) {
            failures.add("unexpected error at " + error.line() + ":" + error.column() + ": " + error.kind().label() + ": "
                    + error.getMessage());
        }
        if (expected.repr() != null && error == null && value != null && !expected.repr().equals(value.repr())) {
            failures.add("expected final value " + expected.repr() + " but got " + value.repr());
        }
        return new ScriptResult(name, failures, (System.nanoTime() - start) / 1_000_000);
    }

    private static void compareOutput(List<String> expected, String printed, List<String> failures) {
        List<String> actual = printed.isEmpty() ? List.of()
                : new ArrayList<>(Arrays.asList(printed.split("\n", -1)));
        if (!actual.isEmpty() && actual.get(actual.size() - 1).isEmpty()) actual.remove(actual.size() - 1);
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e == null) {
                failures.add("unexpected output line " + (i + 1) + ": " + a);
            } else if (a == null) {
                failures.add("missing output line " + (i + 1) + ": expected " + e);
            } else if (!e.equals(a)) {
                failures.add("output line " + (i + 1) + ": expected <" + e + "> but got <" + a + ">");
            }
        }
    }
}
