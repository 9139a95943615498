package dev.ion.loadtests.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Carries out one load test of any scenario: starts the baseline server when the scenario
 * asks for it (and points the test and its CPU reading at it), then runs the stream test or
 * the open-loop arrivals.
 */
final class LoadTests {
    private LoadTests() {
    }

    static OpenLoopRun.Outcome execute(LoadConfig c) throws Exception {
        if (c.scenario() == Scenario.BASELINE) {
            try (BaselineProcess baseline = BaselineProcess.start()) {
                return OpenLoopRun.run(c.withTarget(baseline.target(), baseline.pid()));
            }
        }
        if (c.scenario() == Scenario.STREAM) {
            return new OpenLoopRun.Outcome(StreamTest.run(c), Map.<String, Histogram>of());
        }
        return OpenLoopRun.run(c);
    }
}
