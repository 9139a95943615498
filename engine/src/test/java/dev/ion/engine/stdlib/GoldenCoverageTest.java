package dev.ion.engine.stdlib;

import dev.ion.engine.Engine;
import dev.ion.engine.Value;
import dev.ion.engine.runtime.TaskModule;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.ModuleValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards issue 4's "every function and method has a success and an error case": each built-in function, method
 * and module member appears in the golden scripts under {@code scripts/stdlib} both on a line that is an error
 * case (the {@code err(|| …)} helper of the coverage scripts, or a {@code fails(…)} helper) and on another line.
 */
class GoldenCoverageTest {
    private static final Path DIR = Path.of("src/test/resources/scripts/stdlib");

    private static boolean isErrorCase(String line) {
        return line.contains("err(||") || line.contains("fails(||") || line.contains("expect-error");
    }

    @Test
    void everyLibraryNameHasASuccessAndAnErrorCase() throws IOException {
        List<String> success = new ArrayList<>();
        List<String> failure = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ion")).toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceAll("//.*$", "");
                    if (code.isBlank()) continue;
                    boolean errorCase = isErrorCase(code)
                            || i + 1 < lines.size() && lines.get(i + 1).startsWith("// expect-error");
                    (errorCase ? failure : success).add(code);
                }
            }
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String name : Builtins.all().keySet()) check(name + "()", name + "(", success, failure, missing);
        for (String name : List.of("sleep", "timeout", "channel")) check(name + "()", name + "(", success, failure, missing);
        Value[] receivers = {Value.of(""), Value.list(), Value.dict(Map.of()), Value.tuple(Value.of(1)),
                new Engine().eval("set()"), new Engine().eval("0..1"), Value.some(Value.of(1)), Value.ok(Value.of(1)),
                Value.bytes(new byte[0]), new CellValue(Value.of(1)), Value.of(1), Value.of(1.0)};
        for (Value r : receivers) {
            for (String m : Methods.names(r)) check(r.typeName() + "." + m + "()", "." + m + "(", success, failure, missing);
        }
        Map<String, ModuleValue> modules = new LinkedHashMap<>(Modules.all());
        modules.put("task", TaskModule.module());
        modules.forEach((module, value) -> {
            for (String member : value.members().keySet()) {
                String path = module + "::" + member;
                check(path, path, success, failure, missing);
            }
        });
        assertThat(missing).as("library names without both a success and an error case in scripts/stdlib").isEmpty();
    }

    private static void check(String label, String needle, List<String> success, List<String> failure,
                              TreeSet<String> missing) {
        if (success.stream().noneMatch(l -> l.contains(needle))) missing.add(label + " (no success case)");
        if (failure.stream().noneMatch(l -> l.contains(needle))) missing.add(label + " (no error case)");
    }
}
