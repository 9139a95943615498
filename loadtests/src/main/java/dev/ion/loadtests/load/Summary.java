package dev.ion.loadtests.load;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The outcome of one {@code ion loadtest}: printed as a short table and optionally written as
 * JSON ({@code --json}). {@code serverCpuSeconds} is the CPU time the server process spent
 * during the measured window (null when its pid is unknown); per run it is the figure that
 * survives a noisy shared machine best. {@code stream} is set only for the stream scenario.
 */
record Summary(String scenario, String transport, String url, double askedRate, double durationSeconds,
               double warmupSeconds, int connections, long sent, long ok, long failed, double throughput,
               Map<String, LatencyStats> latency, Map<String, Long> errors, long warmupErrors, long peakInFlight,
               double clientCpuSeconds, Double serverCpuSeconds, String loadAverage, Stream stream) {

    /** The stream scenario's figures: values asked, {@code recv} events received, and the run's wall time. */
    record Stream(long values, long events, double seconds, String value) {
        double eventsPerSecond() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    boolean hasErrors() {
        return failed > 0 || warmupErrors > 0;
    }

    /** Server CPU time per successful measured run, in microseconds, or null. */
    Double serverCpuMicrosPerRun() {
        if (serverCpuSeconds == null || ok == 0) return null;
        return serverCpuSeconds * 1e6 / ok;
    }

    JsonObject json() {
        JsonObject lat = new JsonObject();
        latency.forEach((k, v) -> lat.put(k, v.json()));
        JsonObject err = new JsonObject();
        errors.forEach(err::put);
        JsonObject j = new JsonObject().put("scenario", scenario).put("transport", transport).put("url", url)
                .put("askedRate", askedRate).put("durationSeconds", durationSeconds).put("warmupSeconds", warmupSeconds)
                .put("connections", connections).put("sent", sent).put("ok", ok).put("failed", failed)
                .put("throughput", Math.round(throughput * 10) / 10.0).put("latency", lat).put("errors", err)
                .put("warmupErrors", warmupErrors).put("peakInFlight", peakInFlight)
                .put("clientCpuSeconds", clientCpuSeconds).put("serverCpuSeconds", serverCpuSeconds)
                .put("serverCpuMicrosPerRun", serverCpuMicrosPerRun()).put("loadAverage", loadAverage);
        if (stream != null) {
            j.put("stream", new JsonObject().put("values", stream.values()).put("events", stream.events())
                    .put("seconds", stream.seconds()).put("eventsPerSecond", Math.round(stream.eventsPerSecond()))
                    .put("value", stream.value()));
        }
        return j;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("ion loadtest: scenario %s over %s to %s, %d connection%s%n", scenario, transport, url,
                connections, connections == 1 ? "" : "s"));
        if (stream != null) {
            b.append(String.format("  stream     %,d values, %,d recv events in %.2f s: %,.0f events/s (run value %s)%n",
                    stream.values(), stream.events(), stream.seconds(), stream.eventsPerSecond(), stream.value()));
        } else {
            b.append(String.format("  asked      %,.0f runs/s for %s s (after %s s warm-up)%n", askedRate,
                    trim(durationSeconds), trim(warmupSeconds)));
            b.append(String.format("  achieved   %,.0f runs/s  (%,d sent, %,d ok, %,d failed; peak %,d in flight)%n",
                    throughput, sent, ok, failed, peakInFlight));
            latency.forEach((label, s) -> b.append(String.format("  %-10s %s  (%,d runs)%n", label, s.line(), s.count())));
        }
        if (errors.isEmpty() && warmupErrors == 0) {
            b.append("  errors     none\n");
        } else {
            StringBuilder e = new StringBuilder();
            errors.forEach((k, v) -> e.append(e.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%,d", v)));
            if (warmupErrors > 0) e.append(e.length() == 0 ? "" : ", ").append("in warm-up ").append(warmupErrors);
            b.append("  errors     ").append(e).append('\n');
        }
        b.append(String.format("  cpu time   client %.2f s", clientCpuSeconds));
        if (serverCpuSeconds != null) {
            b.append(String.format(", server %.2f s", serverCpuSeconds));
            Double per = serverCpuMicrosPerRun();
            if (per != null && stream == null) b.append(String.format(" (%.1f µs per run)", per));
        }
        b.append(stream == null ? " in the measured window" : " during the run");
        b.append('\n').append("  load avg   ").append(loadAverage).append('\n');
        return b.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
