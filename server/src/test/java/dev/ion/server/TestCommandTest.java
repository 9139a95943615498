package dev.ion.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String source) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, source);
        return p;
    }

    @Test
    void reportsEachFileThenTheSummaryAndFailsOnAFailure() throws IOException {
        Path pass = write("a/pass.ion", "print(1 + 2);   // expect: 3\n[1, \"a\"]   // expect-repr: [1, \"a\"]\n");
        Path fail = write("b/fail.ion", "print(2 * 2)   // expect: 5\n");
        write("b/notes.txt", "not a script");
        Cli.Result r = Cli.run("test", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("PASS " + java.util.regex.Pattern.quote(pass.toString()) + " \\(\\d+ ms\\)");
        assertThat(lines[1]).isEqualTo("FAIL " + fail);
        assertThat(lines[2]).isEqualTo("    output line 1: expected <5> but got <4>");
        assertThat(lines[lines.length - 1]).isEqualTo("1 passed, 1 failed");
        assertThat(lines).hasSize(4);
    }

    @Test
    void allPassingExitsZero() throws IOException {
        write("ok.ion", "print(\"hi\")   // expect: hi\n");
        Path err = write("err.ion", "1 / 0\n// expect-error: division by zero\n// expect-error-kind: runtime\n");
        Cli.Result r = Cli.run("test", dir.toString(), err.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).endsWith("\n3 passed, 0 failed\n");
    }

    @Test
    void hostFixturesAreInstalled() throws IOException {
        write("host.ion", "print(host_delay(5, \"late\"))   // expect: late\n"
                + "let r = try { host_fail(1, \"boom\") } catch e { e };\nprint(r)   // expect: boom\n");
        Cli.Result r = Cli.run("test", dir.toString());
        assertThat(r.out()).contains("1 passed, 0 failed");
        assertThat(r.code()).isZero();
    }

    @Test
    void aHangingScriptFailsAfterTheTimeout() throws IOException {
        write("hang.ion", "loop {}\n");
        long start = System.nanoTime();
        Cli.Result r = Cli.run("test", "--timeout", "1", dir.toString());
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL ").contains("0 passed, 1 failed");
    }

    @Test
    void missingPathIsAUsageError() {
        Cli.Result r = Cli.run("test", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ion: cannot read ").contains("no such file or directory");
    }

    @Test
    void emptyDirectoryIsAUsageError() {
        Cli.Result r = Cli.run("test", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no .ion files");
    }
}
