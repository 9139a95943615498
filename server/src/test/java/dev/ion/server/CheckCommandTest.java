package dev.ion.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String source) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, source);
        return p.toString();
    }

    @Test
    void cleanFilesAreOkAndNothingRuns() throws IOException {
        String a = write("a.ion", "print(\"should not run\")\n");
        String b = write("b.ion", "fn f() { 1 / 0 }\nf()\n");
        Cli.Result r = Cli.run("check", a, b);
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(a + ": ok\n" + b + ": ok\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void reportsEveryProblemOfEveryFileAndExits65() throws IOException {
        String good = write("good.ion", "1\n");
        String bad = write("bad.ion", "let x = ;\nlet y = (1 + 2;\n");
        String lex = write("lex.ion", "let s = \"open\n");
        Cli.Result r = Cli.run("check", good, bad, lex);
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).isEqualTo(good + ": ok\n");
        assertThat(r.err()).contains(bad + ":1:9: parse: ")
                .contains(bad + ":2:")
                .contains(lex + ":1:9: lex: unterminated string");
        assertThat(r.err().lines().filter(l -> l.matches(" +\\| +\\^~*"))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void unreadableFileExits2ButOthersAreStillChecked() throws IOException {
        String good = write("good.ion", "1\n");
        Cli.Result r = Cli.run("check", dir.resolve("missing.ion").toString(), good);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ion: cannot read " + dir.resolve("missing.ion") + ": ");
        assertThat(r.out()).isEqualTo(good + ": ok\n");
    }

    @Test
    void directoryIsNotReadable() {
        Cli.Result r = Cli.run("check", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ion: cannot read " + dir + ": is a directory\n");
    }
}
