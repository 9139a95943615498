package dev.ion.engine;

import dev.ion.engine.conformance.ScriptChecker;
import dev.ion.engine.conformance.ScriptResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

public class Smoke {
    public static void main(String[] args) throws Exception {
        ScriptChecker checker = new ScriptChecker(dev.ion.engine.conformance.HostFixtures::install);
        int pass = 0, fail = 0;
        for (String a : args) {
            try (Stream<Path> files = Files.walk(Path.of(a))) {
                for (Path p : files.filter(x -> x.toString().endsWith(".ion")).sorted().toList()) {
                    ScriptResult r = checker.check(p.toString(), Files.readString(p));
                    if (r.passed()) pass++;
                    else {
                        fail++;
                        System.out.println("FAIL " + p);
                        r.failures().stream().filter(f -> !f.startsWith("missing")).limit(6).forEach(f -> System.out.println("    " + f));
                    }
                }
            }
        }
        System.out.println(pass + " passed, " + fail + " failed");
    }
}
