package dev.ion.loadtests.compare;

import java.util.Arrays;

/**
 * The implementations that the comparison runs each {@link Workload} on. The ids are the
 * values of the JMH benchmarks' {@code impl} parameter and the rows of the tables in
 * docs/PERFORMANCE.md.
 */
public enum Implementation {
    ION("ion"),
    LUAJ("luaj"),
    LUAJC("luajc"),
    RHINO_INTERPRETED("rhino-interpreted"),
    RHINO_COMPILED("rhino-compiled"),
    JAVA("java");

    private final String id;

    Implementation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Implementation byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation '" + id
                        + "'; expected one of " + Arrays.stream(values()).map(Implementation::id).toList()));
    }

    /** Loads (and where the implementation compiles, compiles) {@code workload} at size {@code n}. */
    public Runner prepare(Workload workload, long n) {
        String name = workload.fileName();
        return switch (this) {
            case ION -> new IonRunner(workload.source("ion", n));
            case LUAJ -> new LuajRunner(name, workload.source("lua", n), false);
            case LUAJC -> new LuajRunner(name, workload.source("lua", n), true);
            case RHINO_INTERPRETED -> new RhinoRunner(name + ".js", workload.source("js", n), true);
            case RHINO_COMPILED -> new RhinoRunner(name + ".js", workload.source("js", n), false);
            case JAVA -> () -> JavaWorkloads.run(workload, n);
        };
    }

    /** {@link #prepare}, then one run whose result must be the workload's expected value. */
    public Runner prepareChecked(Workload workload, long n) {
        Runner runner = prepare(workload, n);
        long got = runner.run();
        long expected = workload.expected(n);
        if (got != expected) {
            throw new IllegalStateException(id + " " + workload.fileName() + "(" + n + ") returned " + got
                    + ", expected " + expected);
        }
        return runner;
    }
}
