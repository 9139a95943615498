package dev.ion.loadtests.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** The percentiles of one histogram of latencies recorded in microseconds, in milliseconds. */
record LatencyStats(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static LatencyStats of(Histogram h) {
        if (h.getTotalCount() == 0) return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        return new LatencyStats(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    JsonObject json() {
        return new JsonObject().put("count", count).put("p50Ms", p50).put("p90Ms", p90).put("p99Ms", p99)
                .put("p999Ms", p999).put("maxMs", max).put("meanMs", round(mean));
    }

    String line() {
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms", fmt(p50), fmt(p90), fmt(p99), fmt(p999), fmt(max));
    }

    static String fmt(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
