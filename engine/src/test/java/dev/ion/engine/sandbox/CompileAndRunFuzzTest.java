package dev.ion.engine.sandbox;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.conformance.HostFixtures;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes compile-and-run with small limits: whatever the source, the only thing that may come out
 * of a run is a value or an {@link IonException} whose message leaks nothing of the host — never
 * another exception, an "internal error", a JVM error or a hang.
 *
 * <p>Under plain {@code mvn test} (JAZZER_FUZZ unset) Jazzer runs this once per seed in
 * {@code src/test/resources/dev/ion/engine/sandbox/CompileAndRunFuzzTestInputs/} (regression mode).
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=CompileAndRunFuzzTest}; crashes are
 * written into that inputs directory, and each one must also become a script under
 * {@code src/test/resources/scripts/hostile/}.
 */
class CompileAndRunFuzzTest {
    static final Limits LIMITS = Limits.builder()
            .fuel(10_000)
            .deadlineMs(1_000)
            .maxMemoryBytes(8L << 20)
            .maxOutputBytes(10_000)
            .maxTasks(50)
            .build();

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
            "let ", "let mut ", "fn ", "match ", "if ", "else ", "for ", " in ", "while ", "loop ", "break", "continue",
            "return ", "true", "false", "None", "Some(", "Ok(", "Err(", "async {", "spawn ", ".await", "select {",
            "try {", "catch e {", "use ", "::", "=>", "..", "..=", "...", "|>", "#{", "f\"", "b\"", "\"\"\"", "'a: ",
            "|x| ", "||", "&&", "<<", ">>", "?", "*rest", "**kw", "9223372036854775807", "1000000000000",
            "print(", "len(", "range(", "str(", "int(", "float(", "bytes(", "set(", "cell(", "type_of(", "assert_eq(",
            "sleep(", "timeout(", "channel(", ".send(", ".recv()", ".close()", ".map(", ".sort_by(", ".fold(",
            ".push(", ".join(", ".repeat(", ".pad_start(", ".split(", ".replace(", ".window(", ".flatten()",
            ".to_list()", ".unwrap()", ".update(", ".get()", ".set(", "json::encode(", "json::decode(",
            "bytes::zeroed(", "bytes::repeat(", "rand::bytes(", "math::", "string::", "path::", "semver::",
            "read_u16_le(", "host_delay(", "host_fail("})
    void compileAndRun(byte[] data) throws Exception {
        String source = new String(data, StandardCharsets.UTF_8);
        Engine engine = new Engine()
                .setLimits(LIMITS)
                .setRandomSeed(7)
                .setOutputHandler(text -> { })
                .setLogHandler((level, message) -> { });
        HostFixtures.install(engine);
        CompletableFuture<?> run;
        try {
            run = engine.evalAsync(source);
        } catch (IonException e) {
            checkClean(e, source);
            return;
        }
        try {
            run.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof IonException ie)) {
                throw new AssertionError("host exception escaped the engine for source:\n" + source, cause);
            }
            checkClean(ie, source);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("run did not finish within 30 s (deadline is 1 s) for source:\n" + source);
        }
    }

    /** Engine errors are Ion errors: no host class names, no internal errors, no host stack traces or paths. */
    static void checkClean(IonException e, String source) {
        String text = Hygiene.describe(e);
        String leak = Hygiene.leak(text, source);
        if (leak != null) {
            throw new AssertionError("error leaks host details (" + leak + "): " + text + "\nfor source:\n" + source);
        }
    }
}
