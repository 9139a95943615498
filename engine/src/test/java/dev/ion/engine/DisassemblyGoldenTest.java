package dev.ion.engine;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pins the bytecode of a few programs (fib, a loop, a closure, select, try): each
 * {@code src/test/resources/disasm/NAME.ion} must disassemble to {@code NAME.disasm}, so a
 * change of superinstruction choice, layout or stack bound shows up as a line diff. After a
 * deliberate change, rewrite the files with
 * {@code mvn -pl engine test -Dtest=DisassemblyGoldenTest -DargLine=-Ddisasm.update=true}
 * and review the diff.
 */
class DisassemblyGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/disasm");

    @TestFactory
    Stream<DynamicTest> listingsMatchTheirGoldenFiles() throws IOException {
        List<Path> programs;
        try (Stream<Path> files = Files.list(DIR)) {
            programs = files.filter(f -> f.toString().endsWith(".ion")).sorted().toList();
        }
        assertThat(programs).hasSizeGreaterThanOrEqualTo(5);
        return programs.stream().map(program -> DynamicTest.dynamicTest(program.getFileName().toString(), () -> {
            String actual = new Engine().disassemble(Files.readString(program));
            Path golden = DIR.resolve(program.getFileName().toString().replace(".ion", ".disasm"));
            if (Boolean.getBoolean("disasm.update")) Files.writeString(golden, actual);
            String expected = Files.exists(golden) ? Files.readString(golden) : "";
            if (!actual.equals(expected)) {
                fail("the bytecode of " + program + " changed (- " + golden.getFileName() + ", + now):\n"
                        + diff(expected.lines().toList(), actual.lines().toList()));
            }
        }));
    }

    /** A line diff of the changed regions, each with up to two lines of context. */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a.get(i++));
            } else {
                lines.add("+ " + b.get(j++));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int at = k + d;
                near = at >= 0 && at < lines.size() && !lines.get(at).startsWith("  ");
            }
            if (near) out.append(lines.get(k)).append('\n');
            else if (out.length() > 0 && !out.toString().endsWith("...\n")) out.append("...\n");
        }
        return out.toString();
    }
}
