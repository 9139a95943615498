package dev.ion.server.cli;

import dev.ion.protocol.UserText;
import dev.ion.server.http.IonServer;
import dev.ion.server.ops.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code ion serve}: the HTTP/WebSocket server. Settings come from, in rising priority,
 * the embedded defaults, the {@code --config} file, {@code ION_*} environment variables
 * and the options; API keys add up from the config file, {@code ION_API_KEYS} and the keys
 * file. SIGTERM (or Ctrl-C) drains: readiness goes false, new runs get 503, running ones
 * get {@code --drain-timeout} to finish, then the process exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the Ion server: run scripts over HTTP and WebSocket and stream their events.",
                "Every option can also be set by an environment variable (ION_HOST, ION_PORT, ION_INSTANCES,"
                        + " ION_CONFIG, ION_DRAIN_TIMEOUT, ION_TLS_CERT, ION_TLS_KEY, ION_API_KEYS_FILE,"
                        + " ION_CLUSTER, ION_CLUSTER_MEMBERS, ION_CLUSTER_HOST, ION_CLUSTER_PORT, ION_CLUSTER_BUS_PORT,"
                        + " ION_CLUSTER_KUBERNETES_DNS) and API keys"
                        + " by ION_API_KEYS (comma-separated).",
                "Binding a non-loopback address needs at least one API key."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--instances", paramLabel = "N", description = "Verticle instances (default: one per event loop).")
    Integer instances;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON configuration file (see docs/SERVER.md).")
    Path config;

    @Option(names = "--drain-timeout", paramLabel = "DURATION",
            description = "How long running runs may finish after SIGTERM (default 30s; e.g. 500ms, 10s, 2m).")
    String drainTimeout;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate (chain) to serve HTTPS and WSS with; needs --tls-key.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "File of API keys, one per line (blank lines and lines starting with # are ignored),"
                    + " added to those of the config file and ION_API_KEYS; e.g. a Docker or Kubernetes secret.")
    Path apiKeysFile;

    @Option(names = "--cluster", description = "Join a cluster of Ion servers (Vert.x clustered on Hazelcast; docs/CLUSTER.md).")
    Boolean cluster;

    @Option(names = "--cluster-members", paramLabel = "HOST[:PORT],...", split = ",",
            description = "Members to join over TCP/IP (port defaults to --cluster-port).")
    List<String> clusterMembers;

    @Option(names = "--cluster-host", paramLabel = "HOST",
            description = "Address this node binds and advertises for Hazelcast and the event bus.")
    String clusterHost;

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "Hazelcast port (default 5701).")
    Integer clusterPort;

    @Option(names = "--cluster-bus-port", paramLabel = "PORT",
            description = "Clustered event bus port (default 5702; 0 = any free port).")
    Integer clusterBusPort;

    @Option(names = "--cluster-kubernetes-dns", paramLabel = "NAME",
            description = "Find members through this headless Service's DNS name (Kubernetes).")
    String clusterKubernetesDns;

    /** The environment to read ION_* from; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = resolve();
            cfg.validate();
        } catch (IllegalArgumentException | IOException e) {
            return fail(e.getMessage(), ExitCodes.USAGE);
        }
        IonServer server;
        try {
            server = IonServer.start(cfg).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            StartFailure failure = StartFailure.of(e.getCause(), cfg.host, cfg.port);
            return fail(failure.message(), failure.exitCode());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Duration drain = cfg.drainTimeoutDuration();
        Runnable shutdown = () -> {
            server.drainAndClose(drain);
            stopped.countDown();
        };
        Thread[] drainer = new Thread[1];
        for (String sig : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(sig), s -> {
                    synchronized (drainer) {
                        if (drainer[0] != null) return;
                        drainer[0] = new Thread(shutdown, "ion-drain");
                        drainer[0].start();
                    }
                });
            } catch (IllegalArgumentException e) {
                // signal not available on this platform
            }
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** Says why on stderr and returns the exit code. */
    private int fail(String message, int exitCode) {
        spec.commandLine().getErr().println("ion serve: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }

    /** Defaults ← config file ← environment ← options. */
    ServerConfig resolve() throws IOException {
        Path file = config != null ? config : env.get("ION_CONFIG") != null ? Path.of(env.get("ION_CONFIG")) : null;
        ServerConfig cfg;
        try {
            cfg = file != null ? ServerConfig.load(file) : new ServerConfig();
        } catch (IOException e) {
            throw new IOException("cannot read config " + file + ": " + UserText.clean(e.getMessage(),
                    "unreadable"), e);
        }
        if (env.get("ION_HOST") != null) cfg.host = env.get("ION_HOST");
        if (env.get("ION_PORT") != null) cfg.port = parseInt("ION_PORT", env.get("ION_PORT"));
        if (env.get("ION_INSTANCES") != null) cfg.instances = parseInt("ION_INSTANCES", env.get("ION_INSTANCES"));
        if (env.get("ION_DRAIN_TIMEOUT") != null) cfg.drainTimeout = env.get("ION_DRAIN_TIMEOUT");
        if (env.get("ION_TLS_CERT") != null) cfg.tlsCert = env.get("ION_TLS_CERT");
        if (env.get("ION_TLS_KEY") != null) cfg.tlsKey = env.get("ION_TLS_KEY");
        cfg.addApiKeys(env.get("ION_API_KEYS"));
        ServerConfig.Cluster c = cfg.cluster;
        if (env.get("ION_CLUSTER") != null) c.enabled = parseBoolean("ION_CLUSTER", env.get("ION_CLUSTER"));
        if (env.get("ION_CLUSTER_MEMBERS") != null) c.members = members(env.get("ION_CLUSTER_MEMBERS"));
        if (env.get("ION_CLUSTER_HOST") != null) c.host = env.get("ION_CLUSTER_HOST");
        if (env.get("ION_CLUSTER_PORT") != null) c.port = parseInt("ION_CLUSTER_PORT", env.get("ION_CLUSTER_PORT"));
        if (env.get("ION_CLUSTER_BUS_PORT") != null) {
            c.busPort = parseInt("ION_CLUSTER_BUS_PORT", env.get("ION_CLUSTER_BUS_PORT"));
        }
        if (env.get("ION_CLUSTER_KUBERNETES_DNS") != null) c.kubernetesDns = env.get("ION_CLUSTER_KUBERNETES_DNS");
        String keysFileEnv = env.get("ION_API_KEYS_FILE");
        Path keysFile = apiKeysFile != null ? apiKeysFile
                : keysFileEnv != null && !keysFileEnv.isBlank() ? Path.of(keysFileEnv) : null;
        if (keysFile != null) ApiKeysFile.read(keysFile).forEach(cfg::addApiKey);
        if (host != null) cfg.host = host;
        if (port != null) cfg.port = port;
        if (instances != null) cfg.instances = instances;
        if (drainTimeout != null) cfg.drainTimeout = drainTimeout;
        if (tlsCert != null) cfg.tlsCert = tlsCert;
        if (tlsKey != null) cfg.tlsKey = tlsKey;
        if (cluster != null) c.enabled = cluster;
        if (clusterMembers != null) c.members = members(String.join(",", clusterMembers));
        if (clusterHost != null) c.host = clusterHost;
        if (clusterPort != null) c.port = clusterPort;
        if (clusterBusPort != null) c.busPort = clusterBusPort;
        if (clusterKubernetesDns != null) c.kubernetesDns = clusterKubernetesDns;
        return cfg;
    }

    private static List<String> members(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String m : commaSeparated.split(",")) {
            if (!m.isBlank()) out.add(m.trim());
        }
        return out;
    }

    private static boolean parseBoolean(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1") || v.equals("yes")) return true;
        if (v.equals("false") || v.equals("0") || v.equals("no") || v.isEmpty()) return false;
        throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
