package dev.ion.engine.vm;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import org.junit.jupiter.api.Test;

import static dev.ion.engine.MemoryLimitedRun.runToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The fast loop runs {@code push}, {@code len}, {@code get} and {@code contains_key} on lists and dicts, and
 * {@code unwrap} on a Some or an Ok, inline.
 * These check that it gives what the general method call gives: the results, the errors of every call it must
 * leave alone (same kind, message and position as the spread form, which always takes the general path), the
 * memory it reports and the fuel it spends.
 */
class InlineMethodCallTest {
    @Test
    void resultsMatchTheMethods() {
        assertThat(eval("[1, 2].push(3)")).isEqualTo("[1, 2, 3]");
        assertThat(eval("let mut xs = []; for i in 0..100 { xs = xs.push(i) }; (xs.len(), xs[99])")).isEqualTo("(100, 99)");
        assertThat(eval("[].len() + #{a: 1, b: 2}.len()")).isEqualTo("2");
        assertThat(eval("let d = #{a: 1}; (d.get(\"a\"), d.get(\"b\"), d.contains_key(\"a\"), d.contains_key(\"b\"))"))
                .isEqualTo("(Some(1), None, true, false)");
        // a method wins over a dict key of the same name, on both paths
        assertThat(eval("#{len: 5, get: 6}.len()")).isEqualTo("2");
        assertThat(eval("\"abc\".len() + (1, 2).len()")).isEqualTo("5");
        assertThat(eval("[10, 20].get(1)")).isEqualTo("Some(20)");
        assertThat(eval("(Some(3).unwrap(), Ok(\"x\").unwrap(), #{a: [1]}.get(\"a\").unwrap())")).isEqualTo("(3, \"x\", [1])");
    }

    @Test
    void callsItDoesNotRunFailAsTheGeneralPathDoes() {
        String[][] pairs = {
                {"[1].push()", "[1].push(*[])"},
                {"[1].push(1, 2)", "[1].push(*[1, 2])"},
                {"[1].len(1)", "[1].len(*[1])"},
                {"#{a: 1}.len(1)", "#{a: 1}.len(*[1])"},
                {"#{a: 1}.get(1)", "#{a: 1}.get(*[1])"},
                {"#{a: 1}.get()", "#{a: 1}.get(*[])"},
                {"#{a: 1}.contains_key([])", "#{a: 1}.contains_key(*[[]])"},
                {"(1).push(2)", "(1).push(*[2])"},
                {"set([1]).get(1)", "set([1]).get(*[1])"},
                {"Some(1).unwrap(2)", "Some(1).unwrap(*[2])"},
                {"[1].unwrap()", "[1].unwrap(*[])"},
        };
        for (String[] pair : pairs) {
            IonException plain = failure(pair[0]);
            IonException spread = failure(pair[1]);
            assertThat(plain.kind()).as(pair[0]).isEqualTo(spread.kind()).isEqualTo(ErrorKind.TYPE);
            assertThat(plain.getMessage()).as(pair[0]).isEqualTo(spread.getMessage());
            assertThat(plain.line()).as(pair[0]).isEqualTo(2);
            assertThat(plain.column()).as(pair[0]).isEqualTo(spread.column()).isPositive();
        }
    }

    @Test
    void unwrapOfNoneOrErrFailsAsTheGeneralPathDoes() {
        for (String[] pair : new String[][] {{"None.unwrap()", "None.unwrap(*[])"}, {"Err(5).unwrap()", "Err(5).unwrap(*[])"}}) {
            IonException plain = failure(pair[0]);
            IonException spread = failure(pair[1]);
            assertThat(plain.kind()).as(pair[0]).isEqualTo(spread.kind()).isEqualTo(ErrorKind.RUNTIME);
            assertThat(plain.getMessage()).as(pair[0]).isEqualTo(spread.getMessage()).contains("called unwrap() on");
            assertThat(plain.column()).as(pair[0]).isEqualTo(spread.column()).isPositive();
        }
    }

    @Test
    void pushReportsItsMemoryAndFailsAtTheLimit() throws Exception {
        Run run = runToEnd("let mut xs = []; for i in 0..10000 { xs = xs.push(i) }; xs.len()", 1L << 30);
        assertThat(run.peakMemoryBytes()).isGreaterThanOrEqualTo(8 * 10_000L);
        IonException e = catchThrowableOfType(
                () -> runToEnd("let mut xs = []; loop { xs = xs.push(\"x\") }", 1L << 20), IonException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT);
        assertThat(e.getMessage()).contains("max_memory_bytes");
    }

    @Test
    void inlineCallsSpendTheFuelOfGeneralOnes() throws Exception {
        // the same instructions, once on a list and a dict (inline), once on a tuple (general path)
        long inline = runToEnd("let xs = [1, 2]; let mut n = 0; for i in 0..1000 { n += xs.len() }; n", 1L << 30).fuelUsed();
        long general = runToEnd("let xs = (1, 2); let mut n = 0; for i in 0..1000 { n += xs.len() }; n", 1L << 30).fuelUsed();
        assertThat(inline).isEqualTo(general);
        long unwrapped = runToEnd("let x = Some(1); let mut n = 0; for i in 0..1000 { n += x.unwrap() }; n", 1L << 30).fuelUsed();
        long expected = runToEnd("let x = Some(1); let mut n = 0; for i in 0..1000 { n += x.unwrap_or(0) }; n", 1L << 30).fuelUsed();
        assertThat(unwrapped).isGreaterThan(0).isEqualTo(expected - 1000);
    }

    private static String eval(String source) {
        return new Engine().eval(source).repr();
    }

    private static IonException failure(String call) {
        return catchThrowableOfType(() -> new Engine().eval("let x = 1;\n" + call), IonException.class);
    }

}
