package dev.ion.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void noSubcommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing subcommand").contains("Usage: ion");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("run", "eval", "check", "test", "disasm", "repl");
        Cli.Result version = Cli.run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("ion ");
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertThat(Cli.run("run").code()).isEqualTo(2);
        assertThat(Cli.run("check").code()).isEqualTo(2);
    }
}
