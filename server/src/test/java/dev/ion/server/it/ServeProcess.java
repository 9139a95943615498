package dev.ion.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./ion serve --port 0} in its own process, as a reader of the README starts it. Its
 * log is read on a thread (so the pipe never fills), and the port comes from the
 * {@code listening} line.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("\"msg\":\"listening\".*\"url\":\"([^\"]+)\"");

    private final Process process;
    private final List<String> log = new ArrayList<>();
    private final CompletableFuture<URI> url = new CompletableFuture<>();

    private ServeProcess(Process process) {
        this.process = process;
    }

    /** Starts the launcher in {@code dir} and returns once the server listens. */
    static ServeProcess start(Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "./ion", "serve", "--port", "0").directory(dir.toFile())
                .redirectErrorStream(true);
        ReadmeExamplesIT.readmeEnvironment(pb);
        ServeProcess server = new ServeProcess(pb.start());
        Thread reader = new Thread(server::readLog, "ion-serve-log");
        reader.setDaemon(true);
        reader.start();
        server.url.get(300, TimeUnit.SECONDS);
        return server;
    }

    int port() {
        return url.join().getPort();
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (this) {
                    log.add(line);
                }
                Matcher m = URL.matcher(line);
                if (m.find()) url.complete(URI.create(m.group(1)));
            }
        } catch (IOException e) {
            // the process is gone; reported below
        }
        url.completeExceptionally(new IllegalStateException("ion serve ended before listening; its output: " + log()));
    }

    /** SIGTERM (the server drains and exits 0), then a hard kill if it has not ended in a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
}
