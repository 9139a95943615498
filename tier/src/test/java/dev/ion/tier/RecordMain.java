package dev.ion.tier;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The differential test's child JVM (started with {@code -Dion.tier=off}): runs every {@link Cases} case
 * interpreted and prints one {@link RunRecord} line per case, prefixed so that stray output cannot be taken
 * for a record.
 */
public final class RecordMain {
    static final String PREFIX = "RECORD\t";
    static final String DONE = "DONE";

    private RecordMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("MODE\t" + System.getProperty("ion.tier", "on"));
        for (ScriptCase c : Cases.all()) {
            out.println(PREFIX + RunRecord.of(c).encode());
        }
        out.println(DONE);
        System.exit(0);
    }
}
