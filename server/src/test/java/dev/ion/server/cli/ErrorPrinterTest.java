package dev.ion.server.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPrinterTest {
    @Test
    void caretUnderTheColumnWithTildesForTheLength() {
        assertThat(ErrorPrinter.caretLine("let x = foo;", 9, 3)).isEqualTo("        ^~~");
        assertThat(ErrorPrinter.caretLine("abc", 1, 1)).isEqualTo("^");
    }

    @Test
    void tabsAreKeptSoTheCaretLinesUp() {
        assertThat(ErrorPrinter.caretLine("\t\tx", 3, 1)).isEqualTo("\t\t^");
    }

    @Test
    void lengthIsCutAtTheEndOfTheLine() {
        assertThat(ErrorPrinter.caretLine("ab", 2, 10)).isEqualTo(" ^");
        assertThat(ErrorPrinter.caretLine("ab", 3, 1)).isEqualTo("  ^");
        assertThat(ErrorPrinter.caretLine("ab", 9, 1)).isEqualTo("  ^");
    }

    @Test
    void columnsCountCodePoints() {
        String s = "\"\uD83D\uDE00\" + x";
        assertThat(ErrorPrinter.caretLine(s, 7, 1)).isEqualTo("      ^");
    }
}
