package dev.ion.tier;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The main class of the tier tests' child JVMs ({@link ChildJvm}): runs the cases of the set named by its
 * argument (see {@link Cases#named}) in the JVM's tier mode and prints one {@link RunRecord} line per case,
 * prefixed so that stray output cannot be taken for a record, then how many functions the tier compiled.
 */
public final class RecordMain {
    static final String PREFIX = "RECORD\t";
    static final String DONE = "DONE\t";

    private RecordMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("MODE\t" + System.getProperty("ion.tier", "on"));
        for (ScriptCase c : Cases.named(args[0])) {
            out.println(PREFIX + RunRecord.of(c).encode());
        }
        out.println(DONE + AsmLoopCompiler.compiledFunctions());
        System.exit(0);
    }
}
