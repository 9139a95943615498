package dev.ion.server.cli;

import dev.ion.protocol.RunStatus;
import dev.ion.server.runs.RunSession;
import dev.ion.server.testing.LiveServer;
import dev.ion.server.testing.ScriptFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ion submit} run in-process against a real server: output, value, errors and exit codes like {@code ion run}. */
class SubmitCommandTest {
    record Result(int code, String out, String err) {
    }

    static LiveServer live;
    static LiveServer keyed;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        live = new LiveServer();
        keyed = new LiveServer(c -> c.addApiKeys("k1"));
    }

    @AfterAll
    static void stop() {
        live.close();
        keyed.close();
    }

    static Result submit(Map<String, String> env, String... args) {
        SubmitCommand cmd = new SubmitCommand();
        cmd.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    Result submit(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server";
        all[1] = live.url();
        System.arraycopy(args, 0, all, 2, args.length);
        return submit(Map.of(), all);
    }

    private String script(String name, String source) throws IOException {
        return ScriptFiles.write(dir, name, source);
    }

    @Test
    void printsTheOutputThenTheValueAndExitsZero() throws IOException {
        String file = script("hi.ion", "print(\"hi\");\n[1, 2] + [3]\n");
        for (String mode : new String[] {"--limit=fuel=1000000", "--stream"}) {
            Result r = submit(mode, file);
            assertThat(r.code()).as(mode).isZero();
            assertThat(r.out()).as(mode).isEqualTo("hi\n[1, 2, 3]\n");
            assertThat(r.err()).as(mode).isEmpty();
        }
        assertThat(submit(script("unit.ion", "print(\"x\")\n")).out()).isEqualTo("x\n");
    }

    @Test
    void streamShowsEveryRecvOnStandardError() throws IOException {
        Result r = submit("--stream", script("sq.ion", "let (tx, rx) = channel(1)\nasync {\n"
                + "    spawn { for i in 1..=3 { tx.send(i * i) } tx.close() }\n"
                + "    while let Some(v) = rx.recv() { print(f\"got {v}\") }\n}\n"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("got 1\ngot 4\ngot 9\n");
        assertThat(r.err()).contains("recv: 1 (channel ").contains("recv: 4 (channel ").contains("recv: 9 (channel ");
    }

    @Test
    void inputValuesFeedTheScriptAndThenItsInputIsClosed() throws IOException {
        String file = script("sum.ion", "let mut n = 0\nwhile let Some(v) = input.recv() { n += v }\nn\n");
        assertThat(submit("--input", "20", "--input", "22", file).out()).isEqualTo("42\n");
        assertThat(submit("--stream", "--input", "1", file).out()).isEqualTo("1\n");
        String in = script("more.jsonl", "300\n\n4000\n");
        assertThat(submit("--input-file", in, file).out()).isEqualTo("4300\n");
        assertThat(submit("--input-file", in, "--input", "20", "--input", "1", file).out()).isEqualTo("4321\n");
        assertThat(submit(file).out()).isEqualTo("0\n");
    }

    @Test
    void inputValuesArriveInOrderArgumentsFirstThenTheFile() throws IOException {
        String echo = script("echo.ion", "while let Some(v) = input.recv() { print(v) }\nprint(\"closed\")\n");
        String in = script("rest.jsonl", "3\n{\"a\": null}\n");
        Result r = submit("--input-file", in, "--input", "1", "--input", "[2]", echo);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("1\n[2]\n3\n#{\"a\": None}\nclosed\n");
    }

    @Test
    void inputFileDashReadsStandardInputButNotWhenTheScriptDoesToo() throws IOException {
        String sum = script("sum2.ion", "let mut n = 0\nwhile let Some(v) = input.recv() { n += v }\nn\n");
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("20\n22\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(submit("--input-file", "-", sum).out()).isEqualTo("42\n");
            System.setIn(new ByteArrayInputStream("1\nnope\n".getBytes(StandardCharsets.UTF_8)));
            Result bad = submit("--input-file", "-", sum);
            assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.err()).startsWith("ion: bad input <stdin>:2: ");
            System.setIn(new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8)));
            Result both = submit("--input-file", "-", "-");
            assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(both.out()).isEmpty();
            assertThat(both.err()).isEqualTo("ion: --input-file - and FILE - cannot both read standard input;"
                    + " put the script or the input in a file\n");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aCompileErrorPrintsLikeIonRunAndExits65() throws IOException {
        String file = script("bad.ion", "let a = 1;\nlet x = ;\n");
        Result r = submit(file);
        assertThat(r.code()).isEqualTo(ExitCodes.COMPILE_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(file + ":2:9: parse: expected expression, found ';'\n"
                + " 2 | let x = ;\n"
                + "   |         ^\n");
    }

    @Test
    void aRuntimeErrorPrintsItsTraceAfterTheOutputAndExits70() throws IOException {
        String file = script("odd.ion", "fn half(n) {\n    if n % 2 != 0 { assert(false, f\"{n} is odd\") }\n"
                + "    n / 2\n}\nprint(half(10))\nhalf(7)\n");
        for (String mode : new String[] {"--limit=deadline_ms=60000", "--stream"}) {
            Result r = submit(mode, file);
            assertThat(r.code()).as(mode).isEqualTo(ExitCodes.RUNTIME_ERROR);
            assertThat(r.out()).as(mode).isEqualTo("5\n");
            assertThat(r.err()).as(mode).isEqualTo(file + ":2:21: runtime: 7 is odd\n"
                    + " 2 |     if n % 2 != 0 { assert(false, f\"{n} is odd\") }\n"
                    + "   |                     ^\n"
                    + "    at half (" + file + ":2:21)\n"
                    + "    at <script> (" + file + ":6:1)\n");
        }
    }

    @Test
    void aLimitFailureExits70AndStdinWorks() {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream("loop {}\n".getBytes(StandardCharsets.UTF_8)));
        try {
            Result r = submit("--limit", "fuel=1_000", "-");
            assertThat(r.code()).isEqualTo(ExitCodes.RUNTIME_ERROR);
            assertThat(r.err()).startsWith("<stdin>:1:1: limit: limit exceeded: fuel (1000)");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void anUnreachableServerExits69() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String file = script("one.ion", "1\n");
        Result r = submit(Map.of(), "--server", "http://127.0.0.1:" + port, file);
        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).isEqualTo("ion submit: cannot connect to http://127.0.0.1:" + port + ": connection refused\n");
        assertThat(submit(Map.of(), "--server", "http://127.0.0.1:" + port, "--stream", file).code())
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void aUrlThatIsNotAnIonServerExits69NotLikeARuntimeError() throws IOException {
        String file = script("four.ion", "4\n");
        Result r = submit(Map.of(), "--server", live.url() + "/not-ion", file);
        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).isEqualTo("ion submit: no route for POST /not-ion/v1/runs\n");
    }

    @Test
    void stoppingIonSubmitCancelsItsRunOnTheServer() throws Exception {
        String file = script("forever.ion", "print(\"started\")\nwhile true { sleep(10) }\n");
        live.ended.clear();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.ion.server.Main", "submit", "--server", live.url(),
                file).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("started");
            p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
            RunSession ended = LiveServer.next(live.ended, "ended after ion submit was stopped");
            assertThat(ended.snapshot().status()).isEqualTo(RunStatus.CANCELLED);
        } finally {
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerAndKeyComeFromTheEnvironmentAndAWrongKeyExits69() throws IOException {
        String file = script("two.ion", "1 + 1\n");
        Result ok = submit(Map.of("ION_SERVER", keyed.url(), "ION_API_KEY", "k1"), file);
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).isEqualTo("2\n");
        Result wrong = submit(Map.of("ION_SERVER", keyed.url()), "--api-key", "nope", file);
        assertThat(wrong.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(wrong.err()).isEqualTo("ion submit: unknown API key\n");
        Result wrongWs = submit(Map.of("ION_SERVER", keyed.url()), "--stream", file);
        assertThat(wrongWs.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(wrongWs.err()).contains("Authorization: Bearer KEY");
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        String file = script("three.ion", "3\n");
        Result badJson = submit("--input", "{nope", file);
        assertThat(badJson.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badJson.err()).startsWith("ion: bad --input '{nope': ");
        assertThat(submit("--input", "[1, 12345678901234567890]", file).err())
                .isEqualTo("ion: bad --input '[1, 12345678901234567890]': [1]: 12345678901234567890"
                        + " is outside the int range (-2^63..2^63-1)\n");
        Result badLine = submit("--input-file", script("bad.jsonl", "1\n[2,\n"), file);
        assertThat(badLine.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badLine.err()).startsWith("ion: bad input ").contains("bad.jsonl:2: ");
        assertThat(submit("--input-file", dir.resolve("none.jsonl").toString(), file).err())
                .isEqualTo("ion: cannot read " + dir.resolve("none.jsonl") + ": no such file or directory\n");
        assertThat(submit(Map.of(), "--server", "ftp://x", file).err())
                .isEqualTo("ion submit: --server must be http://HOST[:PORT] or https://HOST[:PORT], got 'ftp://x'\n");
        Result noScheme = submit(Map.of(), "--server", "localhost:8080", file);
        assertThat(noScheme.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noScheme.err()).isEqualTo("ion submit: --server must be http://HOST[:PORT] or https://HOST[:PORT],"
                + " got 'localhost:8080' (did you mean http://localhost:8080?)\n");
        assertThat(submit(Map.of("ION_SERVER", "localhost:8080"), file).err())
                .startsWith("ion submit: ION_SERVER must be http://HOST[:PORT]");
        assertThat(submit("--limit", "bogus=1", file).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(submit(dir.resolve("missing.ion").toString()).err()).contains("cannot read");
    }
}
