package dev.ion.server.cli;

/** Maps a line of the compiled source back to where the user wrote it (a file, or one REPL entry). */
interface SourceMap {

    /** Where a line came from: the name to show, the line number within it and its text. */
    record Origin(String name, int line, String text) {
    }

    /** The origin of 1-based {@code line}; an unknown line maps to line 0 with empty text. */
    Origin origin(int line);

    /** The identity map of a single named source. */
    static SourceMap of(String name, String source) {
        String[] lines = source.split("\n", -1);
        return line -> line < 1 || line > lines.length
                ? new Origin(name, 0, "")
                : new Origin(name, line, stripCr(lines[line - 1]));
    }

    static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
