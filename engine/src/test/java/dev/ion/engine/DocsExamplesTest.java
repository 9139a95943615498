package dev.ion.engine;

import dev.ion.engine.conformance.HostFixtures;
import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;
import dev.ion.engine.stdlib.Builtins;
import dev.ion.engine.stdlib.Methods;
import dev.ion.engine.stdlib.Modules;
import dev.ion.engine.runtime.TaskModule;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.ModuleValue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
 * Runs every {@code ```ion} block of {@code docs/LANGUAGE.md} as a conformance script (LANGUAGE.md §11), and
 * checks that the examples mention every built-in function, method and module member.
 */
class DocsExamplesTest {
    private static final Path DOC = Path.of("../docs/LANGUAGE.md");

    /** One fenced {@code ion} block: where it starts and its text. */
    record Block(int line, String source) {
    }

    static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```ion")) continue;
            int start = i + 1;
            StringBuilder sb = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) sb.append(lines.get(i)).append('\n');
            out.add(new Block(start + 1, sb.toString()));
        }
        return out;
    }

    /** The host fixtures of the conformance suite, plus the host types the document's §12 registers. */
    static void setup(Engine engine) {
        HostFixtures.install(engine);
        engine.registerStruct("Point", "x", "y");
        engine.registerEnum("Shape", "Circle(1)", "Rect(2)", "Empty");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThan(50);
        ScriptChecker checker = new ScriptChecker(DocsExamplesTest::setup);
        return blocks.stream().map(b -> DynamicTest.dynamicTest("LANGUAGE.md line " + b.line(), () -> {
            ScriptResult r = checker.check("LANGUAGE.md:" + b.line(), b.source());
            assertThat(r.failures()).as("example at docs/LANGUAGE.md line %d:%n%s", b.line(), b.source()).isEmpty();
        }));
    }

    @Test
    void examplesMentionEveryBuiltinMethodAndModuleMember() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Block b : blocks()) all.append(b.source());
        String code = all.toString();
        TreeSet<String> missing = new TreeSet<>();
        for (String name : Builtins.all().keySet()) {
            if (!code.contains(name + "(")) missing.add(name + "()");
        }
        for (String name : List.of("sleep", "timeout", "channel")) {
            if (!code.contains(name + "(")) missing.add(name + "()");
        }
        Value[] receivers = {Value.of(""), Value.list(), Value.dict(Map.of()), Value.tuple(Value.of(1)),
                new Engine().eval("set()"), new Engine().eval("0..1"), Value.some(Value.of(1)), Value.ok(Value.of(1)),
                Value.bytes(new byte[0]), new CellValue(Value.of(1)), Value.of(1), Value.of(1.0)};
        for (Value r : receivers) {
            for (String m : Methods.names(r)) {
                if (!code.contains("." + m + "(")) missing.add(r.typeName() + "." + m + "()");
            }
        }
        Map<String, ModuleValue> modules = new LinkedHashMap<>(Modules.all());
        modules.put("task", TaskModule.module());
        modules.forEach((module, value) -> {
            for (String member : value.members().keySet()) {
                String path = module + "::" + member;
                boolean mentioned = code.contains(path);
                if (!mentioned && module.equals("string")) mentioned = code.contains("." + member + "(");
                if (!mentioned) missing.add(path);
            }
        });
        assertThat(missing).as("names of the library without an example in docs/LANGUAGE.md").isEmpty();
    }
}
