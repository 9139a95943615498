package dev.ion.server.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InputScannerTest {
    @Test
    void balancedInputIsComplete() {
        assertThat(InputScanner.isComplete("1 + 2\n")).isTrue();
        assertThat(InputScanner.isComplete("fn f(a) { [a, #{k: (1)}] }\n")).isTrue();
    }

    @Test
    void openBracketsContinue() {
        assertThat(InputScanner.isComplete("fn f(a,\n")).isFalse();
        assertThat(InputScanner.isComplete("let xs = [1,\n")).isFalse();
        assertThat(InputScanner.isComplete("let d = #{\n")).isFalse();
        assertThat(InputScanner.isComplete("if x {\n")).isFalse();
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        assertThat(InputScanner.isComplete("\"(\" // {\n")).isTrue();
        assertThat(InputScanner.isComplete("\"\\\"(\"\n")).isTrue();
        assertThat(InputScanner.isComplete("b\"[\"\n")).isTrue();
    }

    @Test
    void openStringsContinue() {
        assertThat(InputScanner.isComplete("let s = \"abc\n")).isFalse();
        assertThat(InputScanner.isComplete("let s = \"\"\"abc\n")).isFalse();
        assertThat(InputScanner.isComplete("let s = \"\"\"abc\n\"\"\"\n")).isTrue();
    }

    @Test
    void fStringInterpolationsMayHoldQuotesAndBraces() {
        assertThat(InputScanner.isComplete("f\"{ \"}\" } {{ }}\"\n")).isTrue();
        assertThat(InputScanner.isComplete("f\"{ foo(\n")).isFalse();
        assertThat(InputScanner.isComplete("f\"a {{\n")).isFalse();
        assertThat(InputScanner.isComplete("f\"{ #{a: 1}.a }\"\n")).isTrue();
    }

    @Test
    void strayClosersLetTheCompilerComplain() {
        assertThat(InputScanner.isComplete(")\n")).isTrue();
        assertThat(InputScanner.isComplete("(]\n")).isTrue();
    }

    @Test
    void identifierEndingInFIsNotAnFString() {
        assertThat(InputScanner.isComplete("elf\"{\"\n")).isTrue();
    }
}
