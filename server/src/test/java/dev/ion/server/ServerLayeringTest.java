package dev.ion.server;

import dev.ion.server.http.IonServer;
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
 * The server's packages by concern (SERVER.md, "Shape"), checked on the compiled classes the way the engine's
 * LayeringTest checks its layers: the constant pool of a class file names every class it uses, and none may
 * name a class of a package above it.
 *
 * <pre>
 *   cli, the root   the {@code ion} command line (on top of everything)
 *   http            routes, SSE and WebSocket adapters, pages, connection hygiene, IonServer
 *   cluster         cluster mode: Hazelcast membership, forwarding to a run's node, relaying its events
 *   runs            admission and quotas, the run registry, RunSession, queued input, the event sink
 *   wire, ops       JSON ↔ engine values and API errors; config, metrics, logs, TLS files
 * </pre>
 */
class ServerLayeringTest {
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "ops", Set.of(),
            "wire", Set.of(),
            "runs", Set.of("wire", "ops"),
            "cluster", Set.of("runs", "wire", "ops"),
            "http", Set.of("cluster", "runs", "wire", "ops"),
            "cli", Set.of("http", "cluster", "runs", "wire", "ops"),
            "server", Set.of("cli", "http", "cluster", "runs", "wire", "ops"));

    private static final String ROOT = "dev/ion/server/";
    private static final Pattern SERVER_CLASS = Pattern.compile("dev/ion/server/[A-Za-z0-9_/$]+");

    @Test
    void noServerClassUsesAPackageAboveIt() throws IOException {
        Path classes = mainClasses();
        assertThat(classes.resolve("dev/ion/server/runs/RunSession.class")).exists();
        assertThat(violations(classes)).isEmpty();
    }

    @Test
    void anUpwardReferenceIsReported(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/dev/ion/server/runs/Upward.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package dev.ion.server.runs;

                final class Upward {
                    static int port(dev.ion.server.http.IonServer server) {
                        return server.port();
                    }
                }
                """);
        Path out = dir.resolve("classes");
        compile(source, out);

        assertThat(violations(out)).containsExactly(
                "dev.ion.server.runs.Upward -> dev.ion.server.http.IonServer (runs may not use http)");
    }

    /** Every reference from a class under {@code classes} to a server class of a package it may not use. */
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
            for (String to : referencedServerClasses(file)) {
                String toLayer = layer(to);
                if (!toLayer.equals(fromLayer) && !ALLOWED.get(fromLayer).contains(toLayer)) {
                    out.add(dotted(from.replaceFirst("\\$.*", "")) + " -> " + dotted(to.replaceFirst("\\$.*", ""))
                            + " (" + fromLayer + " may not use " + toLayer + ")");
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** The package of a server class given by its internal name ({@code server} for the root package). */
    static String layer(String internalName) {
        String rest = internalName.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash < 0) return "server";
        String pkg = rest.substring(0, slash);
        if (!ALLOWED.containsKey(pkg)) {
            throw new AssertionError("package dev.ion.server." + pkg + " has no layer: add it to ServerLayeringTest.ALLOWED");
        }
        return pkg;
    }

    /** The server classes a class file names, read from the UTF-8 entries of its constant pool. */
    static Set<String> referencedServerClasses(Path classFile) throws IOException {
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
                        Matcher m = SERVER_CLASS.matcher(data.readUTF());
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
            return Path.of(IonServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path source, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests run on a JDK").isNotNull();
        Files.createDirectories(out);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        assertThat(status).as(errors.toString()).isZero();
    }
}
