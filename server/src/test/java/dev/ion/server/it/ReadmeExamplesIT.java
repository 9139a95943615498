package dev.ion.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the examples of the README, docs/GETTING-STARTED.md and docs/API.md, so that they cannot drift from
 * what the code does.
 * Every command shown with its output is run with bash as written ({@code ./ion …},
 * {@code curl …}), from a directory that looks like the repository root: it links every
 * top-level entry of the repository and holds the files the documents show as
 * {@code ```ion file=NAME} blocks. The output is compared with the shown one, "…" being a
 * wildcard (see {@link Elided}). Commands addressing {@code localhost:8080} go to a
 * {@code ./ion serve} this test starts on a free port; the {@code websocat} session is
 * replayed with a real WebSocket client, frame by frame as a person would type it. Every
 * relative link of the README and of {@code docs/} must lead to a file and heading. Runs in
 * failsafe's integration-test phase, after {@code ion.jar} is packaged.
 */
class ReadmeExamplesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "readme-examples").toAbsolutePath();
    private static final Pattern DEFAULT_ADDRESS = Pattern.compile("(?:localhost|127\\.0\\.0\\.1):8080");
    private static final Pattern CLIENT_FRAME = Pattern.compile("\\{\"type\":\"(?:run|send|close-input|cancel|ping)\".*");
    private static final Pattern RUN_ID = Pattern.compile("\"run\":\"(run_[^\"]+)\"");
    private static final long COMMAND_MINUTES = 5;
    private static final long FRAME_SECONDS = 60;

    /** The documents whose examples run, in this order; their {@code file=} blocks share one directory. */
    private static final List<String> DOCUMENTS = List.of("README.md", "docs/GETTING-STARTED.md", "docs/API.md");

    private static ServeProcess server;

    @TestFactory
    Stream<DynamicTest> everyExampleDoesWhatItsDocumentShows() throws IOException {
        Map<String, Readme> documents = new LinkedHashMap<>();
        for (String doc : DOCUMENTS) {
            documents.put(doc, Readme.parse(Files.readAllLines(ROOT.resolve(doc), StandardCharsets.UTF_8)));
        }
        assertThat(documents.get("README.md").examples()).as("the README's examples")
                .anyMatch(e -> e instanceof Readme.WebSocketSession)
                .anyMatch(e -> e instanceof Readme.Command c && c.command().contains("/events"))
                .anyMatch(e -> e instanceof Readme.Command c && c.command().startsWith("./ion run"))
                .hasSizeGreaterThanOrEqualTo(15);
        assertThat(documents.get("docs/API.md").examples()).as("the API page's examples")
                .anyMatch(e -> e instanceof Readme.WebSocketSession)
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(documents.get("docs/GETTING-STARTED.md").examples()).as("the getting-started page's examples")
                .hasSizeGreaterThanOrEqualTo(3);
        prepareWorkDirectory(documents);
        return documents.entrySet().stream().flatMap(d -> d.getValue().examples().stream()
                .map(e -> DynamicTest.dynamicTest(d.getKey() + ":" + e.line() + " " + e.title(), () -> check(d.getKey(), e))));
    }

    @Test
    void everyLinkOfTheReadmeAndTheDocsLeadsSomewhere() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertThat(MarkdownLinks.broken(ROOT, documents)).as("broken links").isEmpty();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) server.close();
        server = null;
    }

    /** What every process started for the README sees: the environment without the server's ION_* settings. */
    static void readmeEnvironment(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.startsWith("ION_") && !k.equals("ION_JAVA_OPTS"));
    }

    private static void check(String doc, Readme.Example example) throws Exception {
        if (example instanceof Readme.Command c) runCommand(doc, c);
        else if (example instanceof Readme.WebSocketSession s) replay(doc, s);
    }

    private static void runCommand(String doc, Readme.Command c) throws Exception {
        String command = c.command();
        if (command.contains("curl ")) assumeTrue(hasCurl(), "curl is not installed");
        if (DEFAULT_ADDRESS.matcher(command).find()) {
            command = DEFAULT_ADDRESS.matcher(command).replaceAll("127.0.0.1:" + server().port());
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(WORK.toFile()).redirectErrorStream(true);
        readmeEnvironment(pb);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String printed;
        try {
            printed = output.get(COMMAND_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(doc + ":" + c.line() + ": still running after " + COMMAND_MINUTES
                    + " minutes: " + c.command());
        }
        p.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES);
        List<String> actual = printed.lines().toList();
        assertThat(Elided.matches(c.output(), actual))
                .as("%s:%d: %s%n--- the document shows (… is a wildcard):%n%s%n--- it prints:%n%s",
                        doc, c.line(), c.command(), String.join("\n", c.output()), printed)
                .isTrue();
    }

    /** Types the session's client frames one by one and compares every frame the server sends back. */
    private static void replay(String doc, Readme.WebSocketSession session) throws Exception {
        URI uri = URI.create(DEFAULT_ADDRESS.matcher(session.url()).replaceAll("127.0.0.1:" + server().port()));
        TextFrames listener = new TextFrames();
        BlockingQueue<String> frames = listener.frames;
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener)
                .get(FRAME_SECONDS, TimeUnit.SECONDS);
        try {
            String run = null;
            List<String> transcript = new ArrayList<>();
            for (String line : session.lines()) {
                if (CLIENT_FRAME.matcher(line).matches()) {
                    String typed = run == null ? line : line.replace("run_" + Elided.MARK, run);
                    transcript.add("> " + typed);
                    ws.sendText(typed, true).get(FRAME_SECONDS, TimeUnit.SECONDS);
                    continue;
                }
                String frame = frames.poll(FRAME_SECONDS, TimeUnit.SECONDS);
                transcript.add("< " + frame);
                assertThat(frame != null && Elided.lineMatches(line, frame))
                        .as("%s:%d: the server's frame differs from the document's%n--- expected: %s%n"
                                + "--- the session so far:%n%s", doc, session.line(), line, String.join("\n", transcript))
                        .isTrue();
                Matcher id = RUN_ID.matcher(frame);
                if (frame.startsWith("{\"type\":\"started\"") && id.find()) run = id.group(1);
            }
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(FRAME_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static synchronized ServeProcess server() throws Exception {
        if (server == null) server = ServeProcess.start(WORK);
        return server;
    }

    private static boolean hasCurl() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "command -v curl").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    /** A directory standing in for the repository root, plus the files the documents show. */
    private static void prepareWorkDirectory(Map<String, Readme> documents) throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> all = Files.walk(WORK)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(WORK);
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.createSymbolicLink(WORK.resolve(entry.getFileName()), entry);
            }
        }
        for (var doc : documents.entrySet()) {
            for (Readme.Fixture f : doc.getValue().fixtures()) writeFixture(doc.getKey(), f);
        }
    }

    private static void writeFixture(String doc, Readme.Fixture f) throws IOException {
        Path file = WORK.resolve(f.path()).normalize();
        assertThat(file.startsWith(WORK) && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(WORK.resolve(Path.of(f.path()).getName(0))))
                .as("%s:%d: %s must be a new file inside the repository root", doc, f.line(), f.path())
                .isTrue();
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.content(), StandardCharsets.UTF_8);
    }
}
