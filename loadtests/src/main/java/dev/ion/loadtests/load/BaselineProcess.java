package dev.ion.loadtests.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link BaselineServer} started in its own JVM from this JVM's class path, with the JVM flags
 * {@code ion serve} uses, so that its CPU time can be read separately from the client's.
 */
final class BaselineProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private BaselineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BaselineProcess start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xss16m", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), BaselineServer.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            first = null;
        }
        if (first == null || !first.startsWith("listening ")) {
            p.destroyForcibly();
            throw new LoadTestException("the baseline server did not start (it said: " + first + ")");
        }
        return new BaselineProcess(p, Integer.parseInt(first.substring("listening ".length()).trim()));
    }

    Target target() {
        return new Target("127.0.0.1", port, false, "", null);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
