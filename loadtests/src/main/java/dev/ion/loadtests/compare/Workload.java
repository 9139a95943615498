package dev.ion.loadtests.compare;

import dev.ion.loadtests.Programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The programs of the cross-language JMH comparison (issue 18, item 3): each one written in
 * Ion, Lua and JavaScript (resources {@code dev/ion/loadtests/compare/NAME.{ion,lua,js}},
 * with {@code __N__} standing for the size) and in plain Java ({@link JavaWorkloads}).
 * Every program returns one integer; {@link #expected(long)} computes it independently of
 * all of them, so that a wrong implementation fails instead of looking fast.
 */
public enum Workload {
    FIB("fib", 30),
    LOOP("loop", 10_000_000),
    STRINGS("strings", 100_000),
    LIST_PUSH("list_push", 1_000_000),
    DICT_INSERT("dict_insert", 100_000),
    SORT("sort", 1_000_000),
    JSON("json", 10_000),
    CLOSURES("closures", 1_000_000);

    private final String fileName;
    private final long benchmarkSize;

    Workload(String fileName, long benchmarkSize) {
        this.fileName = fileName;
        this.benchmarkSize = benchmarkSize;
    }

    /** The base name of the script files, e.g. {@code list_push}. */
    public String fileName() {
        return fileName;
    }

    /** The size the JMH comparison runs at (n in the scripts). */
    public long benchmarkSize() {
        return benchmarkSize;
    }

    /** The program's source in one scripting language, at size {@code n}. */
    public String source(String extension, long n) {
        String resource = fileName + "." + extension;
        try (InputStream in = Workload.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no script " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__N__", Long.toString(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every implementation must return at size {@code n}. */
    public long expected(long n) {
        return switch (this) {
            case FIB -> Programs.fibValue(n);
            case LOOP -> Programs.arithmeticLoopValue(n);
            case STRINGS -> n;
            case LIST_PUSH, DICT_INSERT -> 2 * n - 1;
            case SORT -> {
                long[] xs = JavaWorkloads.minstd(n);
                Arrays.sort(xs);
                yield xs[0] + xs[(int) (n / 2)] + xs[(int) n - 1];
            }
            case JSON -> jsonLength(n) + n * (n - 1) / 2 + 2 * n;
            case CLOSURES -> {
                long acc = 0;
                for (long i = 0; i < n; i++) acc = (acc + i + i % 100) % 1000003;
                yield acc;
            }
        };
    }

    /** Length of the compact JSON text of the n records, counted without encoding them. */
    private static long jsonLength(long n) {
        long length = 2 + Math.max(0, n - 1); // brackets and commas between records
        for (long i = 0; i < n; i++) {
            int digits = Long.toString(i).length();
            // {"id":I,"name":"itemI","tags":["a","b"],"ok":true|false}
            length += "{\"id\":,\"name\":\"item\",\"tags\":[\"a\",\"b\"],\"ok\":}".length()
                    + 2L * digits + (i % 2 == 0 ? 4 : 5);
        }
        return length;
    }
}
