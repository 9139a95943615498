package dev.ion.loadtests;

/**
 * The Ion programs that the benchmarks run, in one place so that the JMH benchmarks,
 * {@link RunScript} users and docs/PERFORMANCE.md agree on what is measured.
 * Each program's value is a small int that the benchmarks check once per trial.
 */
public final class Programs {
    private Programs() {
    }

    /** Recursive Fibonacci: about 1.3 million Ion calls for n = 30. */
    public static String fib(int n) {
        return """
                fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
                fib(%d)
                """.formatted(n);
    }

    /** Expected value of {@link #fib(int)}, and of the JMH comparison's fib at size {@code n}. */
    public static long fibValue(long n) {
        long a = 0, b = 1;
        for (long i = 0; i < n; i++) {
            long t = a + b;
            a = b;
            b = t;
        }
        return a;
    }

    /** An arithmetic while-loop of {@code n} iterations. */
    public static String arithmeticLoop(long n) {
        return """
                let mut acc = 0;
                let mut i = 0;
                while i < %d {
                    acc = (acc + i * 3) %% 1000003;
                    i += 1;
                }
                acc
                """.formatted(n);
    }

    /** Expected value of {@link #arithmeticLoop(long)}, and of the JMH comparison's loop at size {@code n}. */
    public static long arithmeticLoopValue(long n) {
        long acc = 0;
        for (long i = 0; i < n; i++) acc = (acc + i * 3) % 1000003;
        return acc;
    }

    /** {@code n} appends of one character to a string, then its length. */
    public static String stringConcat(long n) {
        return """
                let mut s = "";
                let mut i = 0;
                while i < %d {
                    s = s + "x";
                    i += 1;
                }
                s.len()
                """.formatted(n);
    }

    /** {@code n} calls of {@code xs = xs.push(i)}, then the length. */
    public static String listPush(long n) {
        return """
                let mut xs = [];
                let mut i = 0;
                while i < %d {
                    xs = xs.push(i);
                    i += 1;
                }
                xs.len()
                """.formatted(n);
    }

    /** {@code n} calls of {@code d = d.insert(str(i), i)}, then the length. */
    public static String dictInsert(long n) {
        return """
                let mut d = #{};
                let mut i = 0;
                while i < %d {
                    d = d.insert(str(i), i);
                    i += 1;
                }
                d.len()
                """.formatted(n);
    }

    /** {@code n} calls of {@code b = b.push(i % 256)}, then the length. */
    public static String bytesPush(long n) {
        return """
                let mut b = b"";
                let mut i = 0;
                while i < %d {
                    b = b.push(i %% 256);
                    i += 1;
                }
                b.len()
                """.formatted(n);
    }
}
