package dev.ion.server.testing;

import dev.ion.client.IonClient;
import dev.ion.client.RetryPolicy;
import dev.ion.server.http.IonServer;
import dev.ion.server.http.TestServer.RunEvents;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.runs.RunSession;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Ion server on a free loopback port for the tests that talk to it as an outside
 * client would (the Java client, {@code ion submit}, the deployment checks), with the run
 * moments — started, parked behind a slow reader, released, ended — as queues a test can
 * wait on instead of sleeping.
 */
public final class LiveServer implements AutoCloseable {
    public final IonServer server;
    public final BlockingQueue<RunSession> started;
    public final BlockingQueue<RunSession> parked;
    public final BlockingQueue<RunSession> released;
    public final BlockingQueue<RunSession> ended;
    /** The server's JSON log lines, as it writes them (only with {@code log} on in the config). */
    public final BlockingQueue<String> logLines = new LinkedBlockingQueue<>();

    /** Starts a server with two instances, no log, port 0, then {@code tweak}'s changes. */
    public LiveServer(Consumer<ServerConfig> tweak) {
        this(defaults(tweak));
    }

    /** Starts a server with {@code cfg} as given (set its port to 0). */
    public LiveServer(ServerConfig cfg) {
        try {
            server = IonServer.start(cfg, new PrintStream(new LineSink(logLines), true, StandardCharsets.UTF_8))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not start", e);
        }
        RunEvents events = new RunEvents();
        server.runs().addObserver(events);
        started = events.started;
        parked = events.parked;
        released = events.released;
        ended = events.ended;
    }

    private static ServerConfig defaults(Consumer<ServerConfig> tweak) {
        ServerConfig cfg = new ServerConfig();
        cfg.port = 0;
        cfg.instances = 2;
        cfg.log = false;
        tweak.accept(cfg);
        return cfg;
    }

    public LiveServer() {
        this(c -> { });
    }

    public String url() {
        return server.url();
    }

    /** A client of this server that never retries (a test sees each refusal as it happens). */
    public IonClient client(String apiKey) {
        return IonClient.builder().baseUrl(url()).apiKey(apiKey).retryPolicy(RetryPolicy.none()).build();
    }

    public IonClient client() {
        return client(null);
    }

    /** The next run of {@code queue} within a minute. */
    public static RunSession next(BlockingQueue<RunSession> queue, String what) throws InterruptedException {
        return RunEvents.next(queue, what);
    }

    /** The next log line containing {@code text}, within a minute. */
    public String nextLogLine(String text) throws InterruptedException {
        while (true) {
            String line = logLines.poll(60, TimeUnit.SECONDS);
            if (line == null) throw new AssertionError("no log line with " + text + " within 60 s");
            if (line.contains(text)) return line;
        }
    }

    /** Splits what the server logs into lines. */
    private static final class LineSink extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
