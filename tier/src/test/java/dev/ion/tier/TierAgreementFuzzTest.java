package dev.ion.tier;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Run;
import dev.ion.engine.Value;
import dev.ion.engine.conformance.HostFixtures;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzzes the second tier against the interpreter: whatever the source, running it with every loop compiled
 * must print the same, end with the same value or the same error at the same position, and use exactly the
 * same fuel and peak memory as running it interpreted. Both runs happen in this JVM: {@code ion.tier} is
 * switched to {@code off} for the interpreted one (the compiler reads it at each compilation) and back to
 * {@code eager} (this module's tests run eager) for the compiled one.
 *
 * <p>Under plain {@code mvn test} Jazzer runs each seed in
 * {@code src/test/resources/dev/ion/tier/TierAgreementFuzzTestInputs/} once; {@code mvn verify} fuzzes for
 * 30 s. A finding is written into that directory and must be fixed, not excluded.
 */
class TierAgreementFuzzTest {

    /** Sources whose result may depend on the clock: their two runs may differ without a bug. */
    private static final List<String> CLOCK_WORDS = List.of("sleep", "time", "host_delay", "interval", "now",
            "deadline", "elapsed", "select");

    static {
        // the engine asks the compiler once, on its first run, whether to be eager: that must be before any
        // run with the tier switched off
        if (!new AsmLoopCompiler().eager()) throw new AssertionError("this module's tests must run with -Dion.tier=eager");
        new Engine().eval("0");
    }

    /** What a run did, as far as a script's author can tell. */
    record Outcome(String output, String result, long fuel, long peakMemory) {
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
            "let mut ", "for ", " in ", "while ", "loop ", "break", "continue", "0..", "..=", "+= 1", "-= 1",
            "i % 7", "x * 3", "[i]", "xs.push(", ".len()", ".get(", ".contains_key(", ".unwrap()", "#{",
            "d[f\"k{i}\"]", "f\"",
            "== ", "!= ", "< ", ">= ", "if ", "else ", "?", "Some(", "Ok(", "Err(", "None", "(1, 2)", ".0",
            "9223372036854775807", "print(", "true", "false", "!", "fn ", "|x| ", "match ", "=> ", "'a: ",
            "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "let ys = xs;"})
    void compiledLoopsAgreeWithTheInterpreter(byte[] data) throws Exception {
        String source = new String(data, StandardCharsets.UTF_8);
        for (String word : CLOCK_WORDS) if (source.contains(word)) return;
        Outcome interpreted;
        try {
            System.setProperty("ion.tier", "off");
            interpreted = run(source);
        } finally {
            System.setProperty("ion.tier", "eager");
        }
        Outcome compiled = run(source);
        if (!compiled.equals(interpreted)) {
            throw new AssertionError("the tier and the interpreter disagree on:\n" + source
                    + "\ninterpreted: " + interpreted + "\ncompiled:    " + compiled);
        }
    }

    static Outcome run(String source) throws Exception {
        StringBuilder out = new StringBuilder();
        Engine engine = new Engine()
                .setLimits(Cases.TIER_FUZZ_LIMITS)
                .setRandomSeed(7)
                .setOutputHandler(out::append)
                .setLogHandler((level, message) -> { });
        HostFixtures.install(engine);
        AtomicReference<Run> handle = new AtomicReference<>();
        CompletableFuture<Value> result;
        try {
            result = engine.evalAsync(source, handle::set);
        } catch (IonException e) {
            return new Outcome("", describe(e), 0, 0);
        }
        String ending;
        try {
            Value v = result.get(60, TimeUnit.SECONDS);
            ending = "value " + v.repr();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof IonException ie)) throw new AssertionError("host exception for:\n" + source, e.getCause());
            ending = describe(ie);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("run did not finish within 60 s for source:\n" + source);
        }
        Run run = handle.get();
        return new Outcome(out.toString(), ending, run == null ? 0 : run.fuelUsed(), run == null ? 0 : run.peakMemoryBytes());
    }

    private static String describe(IonException e) {
        return "error " + e.kind().label() + " at " + e.line() + ":" + e.column() + ": " + e.getMessage();
    }
}
