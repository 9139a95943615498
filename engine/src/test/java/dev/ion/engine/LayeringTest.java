package dev.ion.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's layers (ARCHITECTURE.md, "Layers inside the engine"), checked on the compiled classes: the
 * constant pool of a class file names every class it uses (imports, fully qualified names, same-package
 * references and types that appear only in signatures alike), and none may name a class of a layer above.
 *
 * <pre>
 *   engine       Engine, Run, HostValues … (the root package, apart from its small public types)
 *   runtime      the scheduler, channels, concurrency built-ins
 *   vm           the interpreter, tasks, frames
 *   compile      → parse → lex
 *   stdlib       built-ins and modules
 *   value        value representations, with the root's small public types (Value, IonException, Limits …)
 * </pre>
 *
 * {@link #ALLOWED} lists, for each layer, the layers it may use besides itself; {@code conformance} (the
 * golden-script checker shipped for other modules' tests) sits on top.
 */
class LayeringTest {
    /** The root package's small public types: they belong to the bottom layer with {@code value}. */
    static final Set<String> ROOT_BASE = Set.of("Value", "IonException", "ErrorKind", "Limits", "EventLoop",
            "Cancellable", "InputChannel", "RunListener");

    static final Map<String, Set<String>> ALLOWED = Map.of(
            "value", Set.of(),
            "lex", Set.of("value"),
            "parse", Set.of("lex", "value"),
            "compile", Set.of("parse", "lex", "value"),
            "stdlib", Set.of("value"),
            "vm", Set.of("compile", "parse", "lex", "stdlib", "value"),
            "runtime", Set.of("vm", "compile", "parse", "lex", "stdlib", "value"),
            "engine", Set.of("runtime", "vm", "compile", "parse", "lex", "stdlib", "value"),
            "conformance", Set.of("engine", "runtime", "vm", "compile", "parse", "lex", "stdlib", "value"));

    private static final String ROOT = "dev/ion/engine/";
    private static final Pattern ENGINE_CLASS = Pattern.compile("dev/ion/engine/[A-Za-z0-9_/$]+");

    @Test
    void noEngineClassUsesALayerAboveIt() throws IOException {
        Path classes = mainClasses();
        assertThat(classes.resolve("dev/ion/engine/vm/Interpreter.class")).exists();
        assertThat(violations(classes)).isEmpty();
    }

    @Test
    void anUpwardReferenceIsReported(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/dev/ion/engine/value/Upward.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package dev.ion.engine.value;

                final class Upward {
                    static String render(dev.ion.engine.Value v) {
                        return dev.ion.engine.stdlib.Json.encode(v);
                    }
                }
                """);
        Path out = dir.resolve("classes");
        compile(source, out);

        assertThat(violations(out)).containsExactly(
                "dev.ion.engine.value.Upward -> dev.ion.engine.stdlib.Json (value may not use stdlib)");
    }

    @Test
    void theRootPackagesSmallTypesMayNotUseItsFacade(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/dev/ion/engine/Value.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package dev.ion.engine;

                public abstract class Value {
                    public String toJson() {
                        return HostValues.toJson(this);
                    }
                }
                """);
        Path out = dir.resolve("classes");
        compile(source, out);

        assertThat(violations(out)).containsExactly(
                "dev.ion.engine.Value -> dev.ion.engine.HostValues (value may not use engine)");
    }

    // ---- the check -----------------------------------------------------------------------------

    /** Every reference from a class under {@code classes} to an engine class of a layer it may not use. */
    static List<String> violations(Path classes) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String from = classes.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            if (!from.startsWith(ROOT)) continue;
            String fromLayer = layer(from);
            Set<String> seen = new TreeSet<>();
            for (String to : referencedEngineClasses(file)) {
                String toLayer = layer(to);
                String target = to.replaceFirst("\\$.*", "");
                if (!toLayer.equals(fromLayer) && !ALLOWED.get(fromLayer).contains(toLayer) && seen.add(target)) {
                    out.add(dotted(from.replaceFirst("\\$.*", "")) + " -> " + dotted(target)
                            + " (" + fromLayer + " may not use " + toLayer + ")");
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** The layer of an engine class given by its internal name ({@code dev/ion/engine/vm/Task$Status}). */
    static String layer(String internalName) {
        String rest = internalName.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            String topLevel = rest.replaceFirst("\\$.*", "");
            return ROOT_BASE.contains(topLevel) ? "value" : "engine";
        }
        String pkg = rest.substring(0, slash);
        if (!ALLOWED.containsKey(pkg)) {
            throw new AssertionError("package dev.ion.engine." + pkg + " has no layer: add it to LayeringTest.ALLOWED");
        }
        return pkg;
    }

    /**
     * The engine classes a class file names: read from its constant pool, whose UTF-8 entries hold the names
     * of the classes it uses and the descriptors and signatures of the fields and methods it touches.
     */
    static Set<String> referencedEngineClasses(Path classFile) throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) throw new IOException(classFile + " is not a class file");
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        Matcher m = ENGINE_CLASS.matcher(data.readUTF());
                        while (m.find()) out.add(m.group());
                    }
                    case 7, 8, 16, 19, 20 -> data.skipBytes(2);
                    case 15 -> data.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return out;
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private static Path mainClasses() {
        try {
            return Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path source, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests run on a JDK").isNotNull();
        Files.createDirectories(out);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", out.toString(), "-cp", mainClasses().toString(),
                source.toString());
        assertThat(status).as(errors.toString()).isZero();
    }
}
