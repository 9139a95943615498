package dev.ion.loadtests.compare;

import dev.ion.engine.Engine;

/**
 * Runs an Ion program the way the other Ion benchmarks do: a fresh {@link Engine} per run
 * (CLI limits, output discarded) that compiles and evaluates the source, so the figure
 * includes the compile step (well under a millisecond for these scripts).
 */
final class IonRunner implements Runner {
    private final String source;

    IonRunner(String source) {
        this.source = source;
    }

    @Override
    public long run() {
        return new Engine().setOutputHandler(text -> { }).eval(source).asLong();
    }
}
