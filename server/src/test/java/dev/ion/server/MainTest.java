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
    void helpListsTheExitCodeAnUndefinedNameReallyGets() {
        Cli.Result undefined = Cli.run("eval", "undefined_name");
        assertThat(undefined.err()).contains("name: undefined variable 'undefined_name'");
        assertThat(exitCodeLine(Cli.run("--help").out(), undefined.code())).contains("undefined name");
        Cli.Result immutable = Cli.run("eval", "let x = 1; x = 2");
        assertThat(immutable.err()).contains("name: cannot assign to immutable variable 'x'");
        assertThat(exitCodeLine(Cli.run("--help").out(), immutable.code())).contains("compile error");
    }

    /** The help's description of one exit code, its wrapped lines joined. */
    private static String exitCodeLine(String help, int code) {
        String exitCodes = help.substring(help.indexOf("Exit codes:"));
        StringBuilder entry = null;
        for (String line : exitCodes.lines().skip(1).toList()) {
            boolean starts = line.matches("\\s*\\d+\\s.*");
            if (entry != null && starts) break;
            if (entry != null) entry.append(' ').append(line.strip());
            else if (starts && line.strip().startsWith(code + " ")) entry = new StringBuilder(line.strip());
        }
        if (entry == null) throw new AssertionError("no exit code " + code + " in:\n" + exitCodes);
        return entry.toString();
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertThat(Cli.run("run").code()).isEqualTo(2);
        assertThat(Cli.run("check").code()).isEqualTo(2);
    }
}
