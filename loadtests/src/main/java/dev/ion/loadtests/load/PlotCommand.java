package dev.ion.loadtests.load;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ion loadtest plot FILE.csv…}: draws each CSV table ({@link Charts}) as
 * {@code OUT/perf-NAME.svg} (or .png), so the charts of docs/PERFORMANCE.md can be regenerated
 * from {@code loadtests/plots/*.csv} whenever the numbers change.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw loadtests/plots/*.csv as docs/perf-*.svg.",
                "A sweep CSV becomes throughput vs p99; a benchmark,implementation,UNIT CSV becomes bars of ratios."})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.csv", description = "The tables to draw.")
    List<Path> files;

    @Option(names = "--out", defaultValue = "docs", paramLabel = "DIR", description = "Where the charts go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--format", defaultValue = "svg", paramLabel = "svg|png", description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("svg") && !fmt.equals("png")) throw new ParameterException(spec.commandLine(), "--format must be svg or png");
        if (!Files.isDirectory(out)) throw new ParameterException(spec.commandLine(), "--out " + out + " is not a directory");
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new ParameterException(spec.commandLine(), "no such file: " + f);
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.csv$", "");
            Chart<?, ?> chart;
            try {
                chart = Charts.of(CsvTable.read(f), title(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Path target = out.resolve("perf-" + name + "." + fmt);
            try (OutputStream o = Files.newOutputStream(target)) {
                if (fmt.equals("svg")) VectorGraphicsEncoder.saveVectorGraphic(chart, o, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                else BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG);
            }
            System.out.println(f + " -> " + target);
        }
        return 0;
    }

    private static String title(String name) {
        return name.replace('-', ' ');
    }
}
