package dev.ion.server.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** An engine output handler that writes the script's text to a writer and flushes it at once. */
final class LiveOutput implements Consumer<String> {
    private final PrintWriter out;
    private volatile boolean atLineStart = true;

    LiveOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(String text) {
        if (text.isEmpty()) return;
        out.print(text);
        out.flush();
        atLineStart = text.charAt(text.length() - 1) == '\n';
    }

    /** Ends a partial last line so that what follows starts on a line of its own. */
    void finishLine() {
        if (!atLineStart) {
            out.println();
            atLineStart = true;
        }
        out.flush();
    }
}
