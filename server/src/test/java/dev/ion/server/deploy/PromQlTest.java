package dev.ion.server.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric-name tokenizer that the dashboard and alert checks rely on. */
class PromQlTest {
    @Test
    void findsTheMetricsOfAHistogramQuantileAndIgnoresLabelsFunctionsAndGrouping() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, instance) (rate(ion_run_duration_seconds_bucket{job=\"ion\"}[5m]))) > 10"))
                .containsExactly("ion_run_duration_seconds_bucket");
    }

    @Test
    void findsBothSidesOfARatioAndSkipsKeywordsNumbersAndGrafanaVariables() {
        assertThat(PromQl.metricNames("sum by (instance) (rate(ion_runs_total{status=\"failed\"}[$__rate_interval]))"
                + " / on (instance) group_left (x) (ion_runs_queued_capacity > bool 0) or vector(1e3) unless up offset 5m"))
                .containsExactly("ion_runs_total", "ion_runs_queued_capacity", "up");
    }

    @Test
    void aBareSelectorAndALabelValueThatLooksLikeAMetricName() {
        assertThat(PromQl.metricNames("jvm_memory_used_bytes{area=\"heap\", id=~\"G1 Old.*\"}"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQl.metricNames("ion_events_streamed_total{type='ion_runs_total'}"))
                .containsExactly("ion_events_streamed_total");
    }
}
