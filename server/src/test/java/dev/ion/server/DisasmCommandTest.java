package dev.ion.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DisasmCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheListingWithoutRunning() throws IOException {
        Path p = dir.resolve("d.ion");
        Files.writeString(p, "print(\"not run\")\nfn f(x) { x + 1 }\n");
        Cli.Result r = Cli.run("disasm", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isNotBlank().doesNotContain("not run\n").endsWith("\n");
    }

    @Test
    void compileErrorExits65() throws IOException {
        Path p = dir.resolve("bad.ion");
        Files.writeString(p, "fn (\n");
        Cli.Result r = Cli.run("disasm", p.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith(p + ":").contains(": parse: ");
    }
}
