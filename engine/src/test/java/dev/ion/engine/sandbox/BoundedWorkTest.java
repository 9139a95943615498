package dev.ion.engine.sandbox;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Built-ins that build a huge result from small inputs stop at the memory limit having done work in proportion
 * to the limit, not to the result they were asked for. Work is counted as the bytes the run's thread allocated
 * (the JVM's per-thread counter), so the check does not depend on how fast or busy the machine is: a built-in
 * that builds first and charges afterwards allocates hundreds of megabytes under a 4 MB limit.
 */
class BoundedWorkTest {
    static final long LIMIT = 4_000_000;
    /** Allocation allowed per run: the limit many times over, plus the compiler's and the JIT's share. */
    static final long BOUND = 64L << 20;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '@', textBlock = """
            flatten of 300 references to one list @ let big = (0..100000).to_list(); let mut r = []; for i in 0..300 { r = r.push(big); }; r.flatten()
            flat_map onto one list @ let big = (0..100000).to_list(); (0..300).to_list().flat_map(|i| big)
            join of references to one string @ let p = "x" * 100000; let mut r = []; for i in 0..300 { r = r.push(p); }; r.join(",")
            join of references to one list @ let big = (0..20000).to_list(); let mut r = []; for i in 0..300 { r = r.push(big); }; r.join(",")
            str of references to one list @ let big = (0..20000).to_list(); let mut r = []; for i in 0..300 { r = r.push(big); }; str(r)
            str of references to one long string @ let p = "x" * 1000000; let mut r = []; for i in 0..300 { r = r.push(p); }; str(r)
            print of references to one long string @ let p = "x" * 1000000; let mut r = []; for i in 0..300 { r = r.push(p); }; print(r)
            print of many arguments that are one long string @ let p = "x" * 1000000; let mut r = []; for i in 0..300 { r = r.push(p); }; print(...r)
            f-string of references to one long string @ let p = "x" * 1000000; f"{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}{p}"
            path join of references to one long string @ let p = "x" * 1000000; let mut r = []; for i in 0..300 { r = r.push(p); }; path::join(r)
            json encoding of references to one list @ let big = (0..20000).to_list(); let mut r = []; for i in 0..300 { r = r.push(big); }; json::encode(r)
            spread of references to one list @ let big = (0..100000).to_list(); [...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big]
            concatenation of a list with itself @ let mut big = (0..100000).to_list(); for i in 0..10 { big = big + big; }; big
            replace into huge pieces @ ("a" * 1000).replace("a", "b" * 100000)
            string repeat @ "abc".repeat(100000000)
            window @ (0..100000).to_list().window(50000)
            range to list @ (0..100000000).to_list()
            """)
    void stopsAtTheMemoryLimitWithBoundedWork(String what, String source) {
        Engine engine = new Engine().setLimits(Limits.builder().maxMemoryBytes(LIMIT).build()).setOutputHandler(s -> { });
        engine.eval("1"); // compiler and engine classes loaded before counting
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable t = catchThrowable(() -> engine.eval(source));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(t).as(what).isInstanceOf(IonException.class);
        IonException e = (IonException) t;
        assertThat(e.kind()).as("%s: %s", what, e).isEqualTo(ErrorKind.LIMIT);
        assertThat(e.getMessage()).as(what).isEqualTo("limit exceeded: max_memory_bytes (" + LIMIT + ")");
        assertThat(allocated).as("%s: bytes allocated before the limit stopped it (limit %d)", what, LIMIT)
                .isLessThanOrEqualTo(BOUND);
    }

    /**
     * A built-in that fills a large result element by element checks the run's limits as it goes (fuel here;
     * the same check covers the deadline and cancellation), so it stops after work in proportion to the fuel
     * left. The result array itself may be allocated up front; the elements created afterwards are what is counted.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '@', textBlock = """
            range to list @ (0..50000000).to_list() @ 400000000
            """)
    void longFillsStopAtTheFuelLimit(String what, String source, long upFront) {
        Engine engine = new Engine().setLimits(Limits.builder().fuel(1_000_000).maxMemoryBytes(1L << 30).build());
        engine.eval("1");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable t = catchThrowable(() -> engine.eval(source));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(t).as(what).isInstanceOf(IonException.class).hasMessage("limit exceeded: fuel (1000000)");
        assertThat(allocated - upFront).as("%s: bytes allocated past the result array before fuel stopped it", what)
                .isLessThanOrEqualTo(BOUND);
    }
}
