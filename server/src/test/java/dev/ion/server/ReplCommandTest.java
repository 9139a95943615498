package dev.ion.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplCommandTest {
    @Test
    void evaluatesEntriesAndCarriesDefinitionsOver() {
        String input = """
                let x = 40;
                fn add(a,
                       b) {
                    a + b
                }
                print(f"sum {add(x, 2)}")
                add(x, 2)
                "text"
                """;
        Cli.Result r = Cli.runWithInput(input, "repl");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("sum 42\n[1] 42\n[2] \"text\"\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void errorsAreReportedAndTheSessionGoesOn() {
        String input = """
                let a = 1;
                let b = ;
                a / 0
                print("still here", a)
                a + 1
                """;
        Cli.Result r = Cli.runWithInput(input, "repl");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("still here 1\n[1] 2\n");
        assertThat(r.err()).contains("<repl:2>:1:9: parse: expected expression")
                .contains("<repl:3>:1:1: runtime: division by zero");
    }

    @Test
    void multiLineStringsAndFStringsContinueTheEntry() {
        String input = "let s = \"\"\"one\ntwo\"\"\";\nf\"{ [s.len(),\n 1] }\"\n";
        Cli.Result r = Cli.runWithInput(input, "repl");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("[1] \"[7, 1]\"\n");
    }

    @Test
    void earlierOutputIsNotRepeated() {
        Cli.Result r = Cli.runWithInput("print(\"once\")\nlet y = 2;\ny * 3\n", "repl");
        assertThat(r.out()).isEqualTo("once\n[1] 6\n");
    }

    @Test
    void anEntryThatEndsTheScriptEarlyIsDropped() {
        Cli.Result r = Cli.runWithInput("let v = Err(\"e\")?;\n1 + 1\n", "repl");
        assertThat(r.out()).isEqualTo("[1] Err(\"e\")\n[2] 2\n");
        assertThat(r.err()).contains("dropped");
    }

    @Test
    void historyListsTheValues() {
        Cli.Result r = Cli.runWithInput("1\n\"two\"\n:history\n", "repl");
        assertThat(r.out()).isEqualTo("[1] 1\n[2] \"two\"\n[1] 1\n[2] \"two\"\n");
    }

    @Test
    void unfinishedInputAtEndOfFileIsStillEvaluated() {
        Cli.Result r = Cli.runWithInput("[1, 2", "repl");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("<repl:1>:").contains(": parse: ");
    }

    @Test
    void emptyInputExitsZero() {
        Cli.Result r = Cli.runWithInput("", "repl");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
    }
}
