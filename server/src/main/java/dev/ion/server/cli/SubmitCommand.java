package dev.ion.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.client.BadRequestException;
import dev.ion.client.EventStream;
import dev.ion.client.IonClient;
import dev.ion.client.IonClientException;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.StreamListener;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.RunRequest;
import dev.ion.protocol.ScriptNumbers;
import dev.ion.protocol.UserText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code ion submit FILE}: runs a script on an Ion server through the Java client, printing
 * its output as the server streams it, then its value; errors print and exit as
 * {@code ion run}'s do, so a script behaves the same locally and remotely.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run an Ion script on an Ion server, printing its output as it is produced and its value"
                + " (in repr form, unless it is ()) at the end.",
                "Errors print and exit like `ion run` (65 compile error, 70 runtime error); 69 when the server"
                        + " cannot be reached, refuses the run (connection refused, 401, 429, 503, no such route) or stops"
                        + " answering.",
                "FILE may be - for standard input. ION_SERVER and ION_API_KEY stand in for --server and --api-key."})
public final class SubmitCommand implements Callable<Integer> {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script to run.")
    String file;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: $ION_SERVER, else "
            + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key (default: $ION_API_KEY).")
    String apiKey;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", converter = LimitSetting.Converter.class,
            description = "Ask for a resource limit (repeatable; fuel, deadline_ms, max_call_depth, max_tasks,"
                    + " max_memory_bytes, max_output_bytes, max_channel_capacity). Unset limits are the server's"
                    + " defaults; a limit above the server's ceiling is lowered to it.")
    List<LimitSetting> limits = new ArrayList<>();

    @Option(names = "--input", paramLabel = "JSON", description = "A JSON value for the script's input receiver"
            + " (repeatable, in order); the input is closed after the last one.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--stream", description = "Run over the server's WebSocket and also show every recv and"
            + " select event on standard error as it happens.")
    boolean stream;

    /** The environment to read ION_SERVER and ION_API_KEY from; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source;
        try {
            source = SourceFiles.read(file);
        } catch (SourceFiles.UnreadableException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        List<JsonNode> input = new ArrayList<>();
        Codec codec = new Codec();
        for (String text : inputs) {
            try {
                JsonNode value = codec.tree(text.getBytes(StandardCharsets.UTF_8));
                ScriptNumbers.check(value, "");
                input.add(value);
            } catch (ProtocolException e) {
                err.println("ion submit: --input '" + text + "' is not usable JSON: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Map<String, Long> limitMap = new LinkedHashMap<>();
        for (LimitSetting l : limits) limitMap.put(l.name(), l.value());
        RunRequest request = new RunRequest(source, limitMap.isEmpty() ? null : limitMap, input);
        String url = server != null ? server : env.getOrDefault("ION_SERVER", DEFAULT_SERVER);
        String key = apiKey != null ? apiKey : env.get("ION_API_KEY");
        IonClient client;
        try {
            client = IonClient.builder().baseUrl(url).apiKey(key).build();
        } catch (IllegalArgumentException e) {
            err.println("ion submit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String name = SourceFiles.displayName(file);
        LiveOutput live = new LiveOutput(out);
        try (client) {
            RunResult result = stream ? overWebSocket(client, request, live, err) : overEvents(client, request, live);
            live.finishLine();
            if (result.value() != null && !result.value().equals("()")) out.println(result.value());
            out.flush();
            return ExitCodes.OK;
        } catch (ScriptFailedException e) {
            live.finishLine();
            new ErrorPrinter(err).runError(SourceMap.of(name, source), e.result().error());
            return e.compileError() ? ExitCodes.COMPILE_ERROR : ExitCodes.RUNTIME_ERROR;
        } catch (BadRequestException e) {
            live.finishLine();
            err.println("ion submit: the server refused the run: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IonClientException e) {
            // unreachable, refused (401, 429, 503, or 404 from a URL that is not an Ion server), cut, or no answer
            live.finishLine();
            err.println("ion submit: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } finally {
            err.flush();
        }
    }

    /**
     * Starts the run, prints its output from its Server-Sent Events, and returns it once
     * finished. A run started this way is not tied to a connection, so stopping the command
     * (Ctrl-C, SIGTERM) cancels it, as it would stop {@code ion run}.
     */
    private static RunResult overEvents(IonClient client, RunRequest request, LiveOutput live) {
        var handle = client.start(request);
        Thread cancelOnStop = new Thread(() -> {
            try {
                handle.cancel();
            } catch (IonClientException ignored) {
                // the process is ending; the run's deadline ends it otherwise
            }
        }, "ion-submit-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnStop);
        try (EventStream events = handle.events()) {
            for (RunEvent e : events) {
                if (e instanceof RunEvent.Output o) live.accept(o.text());
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnStop);
            } catch (IllegalStateException stopping) {
                // the hook is cancelling the run now
            }
        }
        return client.get(handle.id()).orThrow();
    }

    /** Streams the run over the WebSocket, printing output live and recv/select events to {@code err}. */
    private static RunResult overWebSocket(IonClient client, RunRequest request, LiveOutput live, PrintWriter err) {
        var run = client.stream(request, new StreamListener() {
            @Override
            public void onOutput(RunEvent.Output e) {
                live.accept(e.text());
            }

            @Override
            public void onRecv(RunEvent.Recv e) {
                err.println("recv: " + e.value() + " (channel " + e.channel() + ", task " + e.task() + ")");
                err.flush();
            }

            @Override
            public void onSelect(RunEvent.Select e) {
                err.println("select: arm " + e.arm() + " won with " + e.value());
                err.flush();
            }
        });
        try {
            return run.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            throw new IonClientException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IonClientException ice) throw ice;
            throw new IonClientException("the run failed: " + UserText.clean(e.getCause().getMessage(), "internal error"), e.getCause());
        }
    }
}
