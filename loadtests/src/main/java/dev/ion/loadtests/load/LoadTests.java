package dev.ion.loadtests.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Carries out load tests of any scenario: starts the baseline server when the scenario asks
 * for it (and points the tests and their CPU readings at it), then runs the stream test or the
 * open-loop arrivals.
 */
final class LoadTests {
    private LoadTests() {
    }

    /** What to do with the server a scenario tests. */
    interface Body<T> {
        T run(LoadConfig c) throws Exception;
    }

    /** Runs {@code body} against the scenario's server: the baseline, started for it, or the one named. */
    static <T> T withServer(LoadConfig c, Body<T> body) throws Exception {
        if (c.scenario() == Scenario.BASELINE) {
            try (BaselineProcess baseline = BaselineProcess.start()) {
                return body.run(c.withTarget(baseline.target(), baseline.pid()));
            }
        }
        return body.run(c);
    }

    static OpenLoopRun.Outcome execute(LoadConfig c) throws Exception {
        return withServer(c, LoadTests::executeOn);
    }

    /** One test against the server {@code c} names (the baseline already started, if any). */
    static OpenLoopRun.Outcome executeOn(LoadConfig c) throws Exception {
        if (c.scenario() == Scenario.STREAM) {
            return new OpenLoopRun.Outcome(StreamTest.run(c), Map.<String, Histogram>of());
        }
        return OpenLoopRun.run(c);
    }
}
