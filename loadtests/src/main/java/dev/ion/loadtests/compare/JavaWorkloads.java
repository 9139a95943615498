package dev.ion.loadtests.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The comparison's programs in plain Java, written as a Java programmer would (boxed
 * collections where the scripts use lists and dicts, StringBuilder for strings, Jackson
 * for JSON): the platform's ceiling that the interpreters are measured against.
 */
public final class JavaWorkloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaWorkloads() {
    }

    /** Runs {@code workload} at size {@code n}. */
    public static long run(Workload workload, long n) {
        return switch (workload) {
            case FIB -> fib(n);
            case LOOP -> loop(n);
            case STRINGS -> strings(n);
            case LIST_PUSH -> listPush(n);
            case DICT_INSERT -> dictInsert(n);
            case SORT -> sort(n);
            case JSON -> json(n);
            case CLOSURES -> closures(n);
        };
    }

    static long fib(long n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static long loop(long n) {
        long acc = 0;
        long i = 0;
        while (i < n) {
            acc = (acc + i * 3) % 1000003;
            i += 1;
        }
        return acc;
    }

    static long strings(long n) {
        StringBuilder s = new StringBuilder();
        for (long i = 0; i < n; i++) s.append(i % 10);
        return s.length();
    }

    static long listPush(long n) {
        List<Long> xs = new ArrayList<>();
        for (long i = 0; i < n; i++) xs.add(i);
        return xs.size() + xs.get(xs.size() - 1);
    }

    static long dictInsert(long n) {
        Map<String, Long> d = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) d.put("k" + i, i);
        return d.size() + d.get("k" + (n - 1));
    }

    static long sort(long n) {
        List<Long> xs = new ArrayList<>();
        long x = 1;
        for (long i = 0; i < n; i++) {
            x = x * 48271 % 2147483647;
            xs.add(x);
        }
        xs.sort(null);
        return xs.get(0) + xs.get((int) (n / 2)) + xs.get((int) n - 1);
    }

    /** The MINSTD sequence the sort program sorts: x = x * 48271 mod (2^31 - 1), from 1. */
    static long[] minstd(long n) {
        long[] xs = new long[(int) n];
        long x = 1;
        for (int i = 0; i < n; i++) {
            x = x * 48271 % 2147483647;
            xs[i] = x;
        }
        return xs;
    }

    static long json(long n) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", i);
            doc.put("name", "item" + i);
            doc.put("tags", List.of("a", "b"));
            doc.put("ok", i % 2 == 0);
            docs.add(doc);
        }
        try {
            String s = JSON.writeValueAsString(docs);
            List<?> back = JSON.readValue(s, List.class);
            long total = 0;
            for (Object o : back) {
                Map<?, ?> r = (Map<?, ?>) o;
                total += ((Number) r.get("id")).longValue() + ((List<?>) r.get("tags")).size();
            }
            return s.length() + total;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LongUnaryOperator makeAdder(long k) {
        return x -> x + k;
    }

    static long closures(long n) {
        long acc = 0;
        for (long i = 0; i < n; i++) {
            LongUnaryOperator add = makeAdder(i % 100);
            acc = (acc + add.applyAsLong(i)) % 1000003;
        }
        return acc;
    }
}
