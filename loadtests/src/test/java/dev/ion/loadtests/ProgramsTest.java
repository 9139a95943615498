package dev.ion.loadtests;

import dev.ion.engine.Engine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmark scripts honest in the normal build: each one runs at a small size
 * (well under a second in total) and must return the expected value. No benchmark runs here.
 */
class ProgramsTest {
    private static long eval(String source) {
        return new Engine().setOutputHandler(s -> { }).eval(source).asLong();
    }

    @Test
    void fib() {
        assertEquals(Programs.fibValue(15), eval(Programs.fib(15)));
        assertEquals(832040, Programs.fibValue(30));
    }

    @Test
    void arithmeticLoop() {
        assertEquals(Programs.arithmeticLoopValue(10_000), eval(Programs.arithmeticLoop(10_000)));
        assertEquals(1395, Programs.arithmeticLoopValue(10_000_000));
    }

    @Test
    void collectionBuilders() {
        assertEquals(1000, eval(Programs.stringConcat(1000)));
        assertEquals(1000, eval(Programs.listPush(1000)));
        assertEquals(1000, eval(Programs.dictInsert(1000)));
        assertEquals(1000, eval(Programs.bytesPush(1000)));
    }

    @Test
    void wholeProcessProgramsParse() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Path.of("compare/programs"))) {
            scripts = files.filter(f -> f.toString().endsWith(".ion")).sorted().toList();
        }
        assertTrue(scripts.size() >= 13, "Ion programs found: " + scripts);
        for (Path script : scripts) {
            new Engine().check(Files.readString(script));
        }
    }
}
