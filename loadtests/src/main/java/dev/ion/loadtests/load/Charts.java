package dev.ion.loadtests.load;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two kinds of chart of docs/PERFORMANCE.md, each built from one CSV table:
 * <ul>
 *   <li>a sweep ({@link SweepCommand#HEADER}): throughput against p99 latency, one line per
 *       series, log-scaled latency;</li>
 *   <li>a comparison ({@code benchmark,implementation,UNIT}, or {@code program,runtime,UNIT}
 *       as loadtests/compare/run.sh writes it): per benchmark, each
 *       implementation's figure divided by the reference implementation's (the first one named
 *       in the file), as bars. For a time unit ({@code seconds}, {@code ms}, {@code us},
 *       {@code ns}, {@code ms_per_op}) a bar above 1 means the reference is faster; for a rate
 *       ({@code per_second}) the ratio is inverted so that the reading stays the same.</li>
 * </ul>
 */
final class Charts {
    private static final Set<String> TIME_UNITS = Set.of("seconds", "ms", "us", "ns", "ms_per_op");
    private static final Set<String> RATE_UNITS = Set.of("per_second");

    private Charts() {
    }

    static Chart<?, ?> of(CsvTable t, String title) {
        if (t.header().contains("throughput") && t.header().contains("p99_ms")) return sweep(t, title);
        if (t.header().size() == 3 && Set.of("benchmark", "program").contains(t.header().get(0))
                && Set.of("implementation", "runtime").contains(t.header().get(1))) {
            return ratios(t, title);
        }
        throw new IllegalArgumentException(t.file() + ": header must be '" + SweepCommand.HEADER
                + "' (a sweep) or 'benchmark,implementation,UNIT' (a comparison), not '" + String.join(",", t.header()) + "'");
    }

    private static XYChart sweep(CsvTable t, String title) {
        int series = t.column("series");
        int x = t.column("throughput");
        int y = t.column("p99_ms");
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (List<String> row : t.rows()) {
            points.computeIfAbsent(row.get(series), k -> new ArrayList<>()).add(new double[]{t.number(row, x), t.number(row, y)});
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("runs per second completed").yAxisTitle("p99 latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW)
                .setChartBackgroundColor(Color.WHITE).setMarkerSize(7);
        points.forEach((name, pts) -> {
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = pts.stream().mapToDouble(p -> Math.max(p[1], 0.001)).toArray();
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    private static CategoryChart ratios(CsvTable t, String title) {
        String unit = t.header().get(2);
        boolean time = TIME_UNITS.contains(unit);
        if (!time && !RATE_UNITS.contains(unit)) {
            throw new IllegalArgumentException(t.file() + ": the third column must be a unit, one of seconds, ms, us, ns, ms_per_op, per_second; not '" + unit + "'");
        }
        Map<String, Map<String, Double>> byImpl = new LinkedHashMap<>();
        List<String> benchmarks = new ArrayList<>();
        for (List<String> row : t.rows()) {
            if (!benchmarks.contains(row.get(0))) benchmarks.add(row.get(0));
            byImpl.computeIfAbsent(row.get(1), k -> new LinkedHashMap<>()).put(row.get(0), t.number(row, 2));
        }
        if (byImpl.size() < 2) throw new IllegalArgumentException(t.file() + ": a comparison needs at least two implementations");
        String reference = byImpl.keySet().iterator().next();
        Map<String, Double> ref = byImpl.get(reference);
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("benchmark").yAxisTitle(time ? "time ÷ " + reference + "'s time (above 1: " + reference + " is faster)"
                        : reference + "'s rate ÷ rate (above 1: " + reference + " is faster)").build();
        chart.getStyler().setLabelsVisible(true).setLabelsPosition(0.9);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE)
                .setDecimalPattern("0.00");
        byImpl.forEach((impl, values) -> {
            if (impl.equals(reference)) return;
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String b : benchmarks) {
                Double v = values.get(b);
                Double r = ref.get(b);
                if (v == null || r == null || r == 0 || v == 0) continue;
                xs.add(b);
                ys.add(time ? v / r : r / v);
            }
            if (!xs.isEmpty()) chart.addSeries(impl, xs, ys);
        });
        if (chart.getSeriesMap().isEmpty()) throw new IllegalArgumentException(t.file() + ": no benchmark has a figure for both "
                + reference + " and another implementation");
        return chart;
    }
}
