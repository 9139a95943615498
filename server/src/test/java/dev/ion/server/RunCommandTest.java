package dev.ion.server;

import dev.ion.server.testing.ScriptFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {
    @TempDir
    Path dir;

    private String script(String name, String source) throws IOException {
        return ScriptFiles.write(dir, name, source);
    }

    @Test
    void printsOutputAndExitsZero() throws IOException {
        Cli.Result r = Cli.run("run", script("hi.ion", "let who = \"world\";\nprint(f\"hello {who}\")\n"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("hello world\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void reprPrintsFinalValueAfterOutput() throws IOException {
        Cli.Result r = Cli.run("run", "--repr", script("v.ion", "print(\"x\");\n[1, \"a\"]\n"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("x\n[1, \"a\"]\n");
    }

    @Test
    void reprPrintsNothingForUnitAndNothingWithoutTheFlag() throws IOException {
        assertThat(Cli.run("run", "--repr", script("u.ion", "let x = 1;\n")).out()).isEmpty();
        assertThat(Cli.run("run", script("n.ion", "42\n")).out()).isEmpty();
    }

    @Test
    void sleepTasksAndChannelsWork() throws IOException {
        String src = """
                let (tx, rx) = channel(1);
                let got = async {
                    spawn { sleep(5); tx.send(7); tx.close(); };
                    rx.recv()
                };
                print(got)
                """;
        Cli.Result r = Cli.run("run", script("async.ion", src));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Some(7)\n");
    }

    @Test
    void compileErrorExits65WithPositionAndCaret() throws IOException {
        String file = script("bad.ion", "let a = 1;\nlet x = ;\n");
        Cli.Result r = Cli.run("run", file);
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().split("\n");
        assertThat(lines[0]).isEqualTo(file + ":2:9: parse: expected expression, found ';'");
        assertThat(lines[1]).endsWith("| let x = ;");
        assertThat(lines[2]).endsWith("|         ^");
        assertThat(lines[1].indexOf('|')).isEqualTo(lines[2].indexOf('|'));
    }

    @Test
    void compileErrorReportsEveryProblem() throws IOException {
        String file = script("two.ion", "let x = ;\nlet y = 1 +;\n");
        Cli.Result r = Cli.run("run", file);
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains(file + ":1:9: parse: ").contains(file + ":2:12: parse: ");
    }

    @Test
    void runtimeErrorExits70WithTraceAfterOutput() throws IOException {
        String file = script("rt.ion", "fn inner(x) { x / 0 }\nfn outer() { inner(1) }\nprint(\"before\")\nouter()\n");
        Cli.Result r = Cli.run("run", file);
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.err()).startsWith(file + ":1:15: runtime: division by zero\n");
        assertThat(r.err()).contains("| fn inner(x) { x / 0 }\n").contains("^\n");
        assertThat(r.err()).contains("    at inner (" + file + ":1:15)")
                .contains("    at outer (" + file + ":2:")
                .contains("    at <script> (" + file + ":4:1)");
    }

    @Test
    void fuelLimitStopsAnInfiniteLoop() throws IOException {
        Cli.Result r = Cli.run("run", "--limit", "fuel=1000", script("loop.ion", "loop {}\n"));
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).contains(": limit: limit exceeded: fuel (1000)");
    }

    @Test
    void limitsAcceptUnderscoresAndRepeat() throws IOException {
        Cli.Result r = Cli.run("run", "--limit", "max_output_bytes=4", "--limit=fuel=1_000_000",
                script("out.ion", "print(\"abc\")\nprint(\"def\")\n"));
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.out()).isEqualTo("abc\n");
        assertThat(r.err()).contains("limit exceeded: max_output_bytes");
    }

    @Test
    void unknownLimitIsAUsageError() throws IOException {
        Cli.Result r = Cli.run("run", "--limit", "fool=1", script("a.ion", "1"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown limit 'fool'");
    }

    @Test
    void badLimitValuesAreUsageErrors() throws IOException {
        String file = script("a.ion", "1");
        assertThat(Cli.run("run", "--limit", "fuel=lots", file).err()).contains("needs an integer value");
        assertThat(Cli.run("run", "--limit", "fuel=0", file).code()).isEqualTo(2);
        assertThat(Cli.run("run", "--limit", "fuel", file).err()).contains("expected NAME=VALUE");
    }

    @Test
    void seedMakesRandReproducible() throws IOException {
        String file = script("r.ion", "rand::int(0, 1000000)\n");
        Cli.Result a = Cli.run("run", "--repr", "--seed", "42", file);
        Cli.Result b = Cli.run("run", "--repr", "--seed", "42", file);
        assertThat(a.code()).isZero();
        assertThat(a.out()).isNotBlank().isEqualTo(b.out());
    }

    @Test
    void missingFileIsAUsageError() {
        Path missing = dir.resolve("nope.ion");
        Cli.Result r = Cli.run("run", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ion: cannot read " + missing + ": no such file or directory\n");
    }

    @Test
    void hostFixturesAreNotInstalledForRun() throws IOException {
        Cli.Result r = Cli.run("run", script("h.ion", "host_delay(1, 2)\n"));
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("host_delay");
    }

    @Test
    void partialLastLineIsEndedBeforeTheValue() throws IOException {
        Cli.Result r = Cli.run("run", "--repr", script("p.ion", "io::print(\"no newline\")\n5\n"));
        assertThat(r.out()).isEqualTo("no newline\n5\n");
    }

    @Test
    void inputFileFeedsTheInputReceiverOneJsonValuePerLineThenCloses() throws IOException {
        String in = script("values.jsonl", "1\n\n{\"a\": [true, null]}\n\"text\"\n");
        Cli.Result r = Cli.run("run", "--input-file", in,
                script("echo.ion", "while let Some(v) = input.recv() { print(v) }\nprint(\"closed\")\n"));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("1\n#{\"a\": [true, None]}\ntext\nclosed\n");
    }

    @Test
    void inputValuesComeFirstInOrderThenTheFilesLines() throws IOException {
        String echo = script("echo.ion", "while let Some(v) = input.recv() { print(v) }\nprint(\"closed\")\n");
        Cli.Result r = Cli.run("run", "--input", "1", "--input-file", script("rest.jsonl", "3\n4\n"),
                "--input", "[2]", echo);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("1\n[2]\n3\n4\nclosed\n");
        Cli.Result onlyArgs = Cli.run("run", "--input", "\"a\"", "--input", "{\"b\": null}", echo);
        assertThat(onlyArgs.out()).isEqualTo("a\n#{\"b\": None}\nclosed\n");
    }

    @Test
    void anEmptyInputFileGivesAnInputThatIsAlreadyClosed() throws IOException {
        Cli.Result r = Cli.run("run", "--input-file", script("empty.jsonl", "\n"),
                script("e.ion", "print(input.recv())\n"));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("None\n");
    }

    @Test
    void aBadInputLineIsAUsageErrorNamingTheLine() throws IOException {
        Cli.Result r = Cli.run("run", "--input-file", script("bad.jsonl", "1\n[2,\n"), script("x.ion", "print(1)\n"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ion: bad input ").contains("bad.jsonl:2: ");
    }

    @Test
    void aBadInputValueIsAUsageErrorQuotingIt() throws IOException {
        String x = script("x.ion", "print(1)\n");
        Cli.Result bad = Cli.run("run", "--input", "1", "--input", "{nope", x);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("ion: bad --input '{nope': ").endsWith("\n").doesNotContain("--input-file");
        Cli.Result big = Cli.run("run", "--input", "[1, 12345678901234567890]", x);
        assertThat(big.code()).isEqualTo(2);
        assertThat(big.err()).isEqualTo("ion: bad --input '[1, 12345678901234567890]': [1]: 12345678901234567890"
                + " is outside the int range (-2^63..2^63-1)\n");
        assertThat(Cli.run("run", "--input", "", x).err()).isEqualTo("ion: bad --input '': no JSON value\n");
        assertThat(Cli.run("run", "--input", "1 2", x).code()).isEqualTo(2);
    }

    @Test
    void aFileGivenToInputIsRefusedWithAPointerToInputFile() throws IOException {
        String in = script("values.jsonl", "1\n");
        Cli.Result r = Cli.run("run", "--input", in, script("x.ion", "print(1)\n"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ion: bad --input '" + in + "': ")
                .endsWith("(to read values from a file, use --input-file " + in + ")\n");
    }

    @Test
    void withoutInputTheNameIsUndefined() throws IOException {
        Cli.Result r = Cli.run("run", script("y.ion", "input.recv()\n"));
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).contains("undefined variable 'input'");
    }

    @Test
    void inputDashReadsTheValuesFromStandardInput() throws IOException {
        String sum = script("sum.ion", "let mut n = 0;\nwhile let Some(v) = input.recv() { n += v }\nprint(n)\n");
        Cli.Result ok = Cli.runWithInput("20\n22\n", "run", sum, "--input-file", "-");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).isEqualTo("42\n");
        Cli.Result bad = Cli.runWithInput("1\nnope\n", "run", sum, "--input-file", "-");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("ion: bad input <stdin>:2: ");
        Cli.Result both = Cli.runWithInput("1\n", "run", "-", "--input-file", "-");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).startsWith("ion: --input-file - and FILE - cannot both read standard input");
    }
}
