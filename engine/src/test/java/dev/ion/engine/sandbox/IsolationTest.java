package dev.ion.engine.sandbox;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.conformance.HostFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Isolation (issue 6, SECURITY.md): a script reaches nothing but the values and functions the embedder
 * registered — no files, environment, processes, network, reflection or class loading — and no engine
 * error ever shows it a host stack trace, a Java class name or a host path.
 */
class IsolationTest {
    private static final Limits SMALL = Limits.builder().fuel(1_000_000).deadlineMs(5_000).maxMemoryBytes(16L << 20)
            .maxOutputBytes(100_000).maxTasks(100).maxCallDepth(1_000).maxChannelCapacity(1_000).build();

    /** Runs {@code source} to completion (a minute at most: a hang, not a slow machine) and returns its value, or throws its IonException. */
    private static Value run(String source, Limits limits) {
        Engine engine = new Engine().setLimits(limits).setOutputHandler(t -> { }).setRandomSeed(1);
        HostFixtures.install(engine);
        try {
            return engine.evalAsync(source).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IonException ie) throw ie;
            throw new AssertionError("host exception escaped for: " + source, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("run hung for: " + source);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static IonException failure(String source) {
        try {
            Value v = run(source, SMALL);
            throw new AssertionError("expected an error but got " + v.repr() + " for: " + source);
        } catch (IonException e) {
            return e;
        }
    }

    private static void assertClean(IonException e, String source) {
        String text = Hygiene.describe(e);
        assertThat(Hygiene.leak(text, source)).as("leak in <%s> for script <%s>", text, source).isNull();
        assertThat(e.getStackTrace()).as("an engine error carries no host stack trace").isEmpty();
        assertThat(e.getCause()).as("an engine error wraps no host exception").isNull();
    }

    // ---- no files, environment, processes ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "fs::read(\"/etc/passwd\")",
            "fs::write(\"x\", \"y\")",
            "os::env(\"HOME\")",
            "os::getcwd()",
            "os::exec(\"sh\")",
            "use os::*; env(\"HOME\")",
            "use fs::{read}; read(\"x\")",
            "use fs::read as r; r(\"x\")",
            "let m = fs; m",
    })
    void filesAndEnvironmentAreNotAvailable(String source) {
        IonException e = failure(source);
        assertThat(e.kind()).isIn(ErrorKind.NAME, ErrorKind.PARSE);
        assertThat(e.getMessage()).contains("not available in the sandbox");
        assertClean(e, source);
    }

    // ---- no reflection, no Java interop, no class loading ---------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "use java::*;",
            "use java::lang::System; System::exit(1)",
            "java::lang::System::exit(1)",
            "java::lang::Runtime::getRuntime().exec(\"ls\")",
            "Class::forName(\"java.lang.Runtime\")",
            "System.exit(1)",
            "\"x\".getClass()",
            "\"x\".getClass().getName()",
            "\"x\".getClass().getClassLoader()",
            "\"x\".equals(\"x\")",
            "\"x\".hashCode()",
            "(1).getClass()",
            "(1.5).doubleValue()",
            "[1].getClass()",
            "[1].iterator()",
            "#{}.getClass()",
            "#{a: 1}.entrySet()",
            "(1, 2).getClass()",
            "set([1]).stream()",
            "cell(1).getClass()",
            "Some(1).getClass()",
            "Ok(1).getClass()",
            "b\"x\".getClass()",
            "(0..3).getClass()",
            "print.getClass()",
            "print.invoke(1)",
            "len.apply([1])",
            "(|| 1).call()",
            "(|x| x).getClass()",
            "math.getClass()",
            "math::getClass()",
            "json::getClass()",
            "let (tx, rx) = channel(1); tx.getClass()",
            "let (tx, rx) = channel(1); rx.wait()",
            "async { let h = spawn 1; h.getClass() }",
            "async { let h = spawn 1; h.task.stack }",
            "print.body",
            "math.members",
            "type_of(print).getClass()",
    })
    void noReflectionOrJavaInterop(String source) {
        IonException e = failure(source);
        assertThat(e.kind()).isIn(ErrorKind.NAME, ErrorKind.TYPE, ErrorKind.RUNTIME, ErrorKind.PARSE);
        assertClean(e, source);
    }

    @Test
    void valuesShowOnlyIonTypesAndForms() {
        assertThat(run("type_of(print)", SMALL).asString()).isEqualTo("builtin_fn");
        assertThat(run("type_of(math)", SMALL).asString()).isEqualTo("module");
        assertThat(run("type_of(|x| x)", SMALL).asString()).isEqualTo("fn");
        String shown = run("""
                let (tx, rx) = channel(1);
                let h = async { spawn 1 };
                [str(print), str(len), str(math), str(json), str(|x| x), str(cell(1)), str(tx), str(rx), str(h),
                 str(0..3), str(set([1])), str(Some(Ok(()))), f"{print}{math::PI}"].join(" | ")
                """, SMALL).asString();
        assertThat(shown).contains("<fn print>", "<fn <lambda>>", "cell(1)");
        assertThat(Hygiene.leak(shown)).as(shown).isNull();
        assertThat(shown).doesNotContainPattern("@[0-9a-f]{4,}");
    }

    @Test
    void runsDoNotSeeEachOthersHostFunctionsOrGlobals() {
        Engine withSecret = new Engine().setLimits(SMALL).setOutputHandler(t -> { });
        withSecret.registerFn("secret", args -> Value.of("s3cr3t"));
        assertThat(withSecret.eval("let leaked = secret(); leaked").asString()).isEqualTo("s3cr3t");
        IonException e = failure("secret()");
        assertThat(e.kind()).isEqualTo(ErrorKind.NAME);
        assertThat(failure("leaked").kind()).isEqualTo(ErrorKind.NAME);
        assertClean(e, "secret()");
    }

    // ---- deep input never overflows the host stack ---------------------------------------------------

    @Test
    void jsonDecodeOfAMillionLevelsNeverOverflowsTheHostStack() {
        Limits generous = Limits.builder().deadlineMs(20_000).maxMemoryBytes(512L << 20).build();
        String arrays = "let t = \"[\" * 1000000 + \"]\" * 1000000; json::encode(json::decode(t)).len()";
        assertThat(run(arrays, generous).asLong()).isEqualTo(2_000_000L);
        String objects = "let t = \"{\\\"a\\\":\" * 1000000 + \"1\" + \"}\" * 1000000; json::decode(t).a.a.a.a == None";
        assertThat(run(objects, generous).repr()).isIn("true", "false");
        String unclosed = "json::decode(\"[\" * 1000000)";
        IonException e = assertThrowsIon(() -> run(unclosed, generous));
        assertThat(e.getMessage()).contains("JSON");
        assertClean(e, unclosed);
        // and under a small memory limit, a limit error rather than a JVM error
        Limits small = Limits.builder().deadlineMs(20_000).maxMemoryBytes(1L << 20).build();
        IonException limited = assertThrowsIon(() -> run(arrays, small));
        assertThat(limited.kind()).isEqualTo(ErrorKind.LIMIT);
    }

    @Test
    void deeplyNestedSourceIsAParseErrorNotAStackOverflow() {
        for (String open : List.of("(", "[", "{", "#{a: ", "-", "!", "|x| ", "if true { ", "[x for x in ")) {
            String source = open.repeat(100_000) + "1";
            IonException e = assertThrowsIon(() -> run(source, SMALL));
            assertThat(e.kind()).as(open).isIn(ErrorKind.PARSE, ErrorKind.LEX);
            assertClean(e, source);
        }
    }

    private static IonException assertThrowsIon(Runnable r) {
        try {
            r.run();
        } catch (IonException e) {
            return e;
        } catch (CompletionException e) {
            if (e.getCause() instanceof IonException ie) return ie;
            throw e;
        }
        return fail("expected an IonException");
    }

    // ---- error messages never leak host details ------------------------------------------------------

    /** Scripts that fail in every way we know of: compile errors, runtime errors of every module, limits. */
    static final List<String> FAILING = List.of(
            "let x = ;", "fn (", "\"unterminated", "b\"\\xzz\"", "\"\\u{110000}\"", "let 1 = 2;", "x +* y",
            "fn f(a, a) {}", "break;", "'a: loop { break 'b; }", "let x = 1; x = 2;",
            "undefined_name", "math::nope", "nope::x", "1 + \"a\"", "1 / 0", "5 % 0", "1 << 64", "[1][5]", "\"abc\"[9]",
            "(9223372036854775807 + 1)", "-(-9223372036854775807 - 1)", "#{a: 1}.b.c", "(1, 2).7", "None.unwrap()",
            "Err(\"e\").unwrap()", "Some(1).expect(\"why\") + None.expect(\"boom\")", "let [a] = [1, 2];",
            "match 3 { 1 => 1 }", "let x: string = 1;", "fn f(a) { a } f()", "fn f(a) { a } f(1, 2)",
            "fn f(a) { a } f(b: 1)", "int(\"x\")", "float(\"x\")", "int(math::NAN)", "bytes([300])", "bytes_from_hex(1)",
            "json::decode(\"{\")", "json::decode(\"[1,]\")", "json::encode(print)",
            "semver::satisfies(\"1.0.0\", \">>1\")", "path::join()", "rand::int(3, 1)", "rand::choice(5)",
            "[1, \"a\"].sort()", "[3, 1].sort_by(|a, b| \"x\")", "[1].map(5)", "[1].fold(0)", "#{}.insert(1, 2)",
            "set([1]).add()", "\"x\".pad_start(\"y\")", "\"x\".repeat(-1)", "\"x\".nope()", "b\"abc\".read_u32_le(2).unwrap()",
            "b\"abc\".read_u16_le(9223372036854775807).unwrap()", "b\"abc\".read_u64_be(-9223372036854775807 - 1).unwrap()",
            "b\"abc\".slice(\"a\", 1)", "bytes::u16_le(70000)", "string::join(5)", "math::sqrt(\"x\")",
            "math::clamp(1)", "assert(1)", "assert(false, \"custom\")", "assert_eq(1, 2)", "1?",
            "spawn 1", "async { spawn (|| 1 / 0)() }", "async { let h = spawn sleep(1000); h.cancel(); h.await }",
            "channel(0)", "let (tx, rx) = channel(1); tx.close(); tx.send(1)", "let (tx, rx) = channel(1); rx.recv()",
            "timeout(10, 5)", "sleep(\"x\")", "select { a = (|| 1 / 0)() => a }", "host_fail(1, \"remote failed\")",
            "host_delay(\"x\", 1)", "async { host_delay(1) }",
            "loop {}", "fn f(n) { f(n + 1) } f(0)", "let mut s = \"x\"; loop { s = s + s; }", "loop { print(\"x\") }",
            "async { loop { spawn sleep(100000); } }", "channel(1000000)", "sleep(100000)",
            "\"a\" * 1000000000000", "bytes::zeroed(1000000000000)", "(0..1000000000000).to_list()");

    @Test
    void errorMessagesNeverLeakHostDetails() {
        List<String> leaks = new ArrayList<>();
        for (String source : FAILING) {
            try {
                Value v = run(source, SMALL);
                leaks.add("no error for <" + source + "> (got " + v.repr() + ")");
            } catch (IonException e) {
                String text = Hygiene.describe(e);
                String leak = Hygiene.leak(text, source);
                if (leak != null) leaks.add("<" + source + "> leaks '" + leak + "': " + text);
                if (e.getStackTrace().length > 0 || e.getCause() != null) leaks.add("<" + source + "> carries host trace");
            } catch (Throwable t) {
                leaks.add("<" + source + "> threw host " + t);
            }
        }
        assertThat(leaks).isEmpty();
    }

    // ---- the engine's own code uses no host facility a script could reach ----------------------------

    @Test
    void engineMainCodeUsesNoFilesProcessesNetworkOrReflection() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> forbidden = List.of("java.io.File", "java.nio.file", "FileInputStream", "FileOutputStream",
                "ProcessBuilder", "Runtime.getRuntime().exec", "System.getenv", "System.getProperty", "System.exit",
                "Class.forName", "ClassLoader", "MethodHandles", "java.net.", "sun.misc", "jdk.internal",
                "setAccessible", "javax.script", "ObjectInputStream", "java.lang.reflect");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    for (String f : forbidden) {
                        if (lines.get(i).contains(f)) found.add(root.relativize(p) + ":" + (i + 1) + " uses " + f);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
