package dev.ion.loadtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs compare/run.sh at its tiny size (SIZE=small, one round) with Ion as
 * {@link RunScript} on this module's classpath, against whichever of python3, lua5.4, luajit
 * and node the machine has (INSTALL=no: a test installs nothing). The script checks that the
 * outputs agree and exits 1 otherwise; this test checks that it succeeded and wrote a CSV row
 * for every program's Ion run. It measures nothing.
 */
class CompareScriptTest {
    private static final List<String> PROGRAMS = List.of("fib", "loop", "list_push", "dict_str", "pingpong", "spawn");

    @Test
    void scriptParses() throws Exception {
        Process p = new ProcessBuilder("bash", "-n", "compare/run.sh").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void smallRunAgreesAndWritesTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("cli-compare.csv");
        Path log = dir.resolve("run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "compare/run.sh")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SIZE", "small");
        env.put("INSTALL", "no");
        env.put("CSV_OUT", csv.toString());
        env.put("ION_CMD", java + " -Xss16m -cp " + System.getProperty("java.class.path")
                + " dev.ion.loadtests.RunScript");
        int status = pb.start().waitFor();
        String output = Files.readString(log);
        assertEquals(0, status, output);
        for (Path written : List.of(csv, dir.resolve("cli-compare-wall.csv"))) {
            List<String> rows = readCsv(written);
            assertEquals("program,runtime,seconds", rows.get(0), output);
            for (String program : PROGRAMS) {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(program + ",ion,")),
                        written.getFileName() + ": " + program + " has no Ion row:\n" + output);
            }
        }
        assertTrue(output.contains("| pingpong |"), output);
    }

    private static List<String> readCsv(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8);
    }
}
