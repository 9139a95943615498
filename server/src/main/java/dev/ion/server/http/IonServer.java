package dev.ion.server.http;

import dev.ion.engine.Limits;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ErrorCode;
import dev.ion.server.ops.JsonLog;
import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.ServerMetrics;
import dev.ion.server.ops.Services;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RemoteRuns;
import dev.ion.server.runs.RunManager;
import dev.ion.server.wire.ApiError;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running Ion server: one Vert.x instance with its metrics registry, the shared
 * {@link RunManager}, and {@code instances} {@link ApiVerticle}s on one port. Used by
 * {@code ion serve} and, on port 0, by the tests.
 */
public final class IonServer {
    private final ServerConfig config;
    private final Codec codec;
    private final ServerMetrics metrics;
    private final JsonLog log;
    private final Services services;
    private final RunManager runs;
    private final NetEvents netEvents = new NetEvents();
    private final ConnectionLimits connections;
    private final Map<String, Principal> keys = new LinkedHashMap<>();
    private final Principal anonymous;
    private final WebPages pages = WebPages.fromClasspath();
    private Vertx vertx;
    /** The other nodes' runs in cluster mode; null when this server runs alone. */
    private RemoteRuns remote;
    private String clusterTag;
    private java.util.function.LongFunction<Future<Void>> readOut;
    private int port;
    private int instances;

    private IonServer(ServerConfig config, PrintStream logOut) {
        config.validate();
        this.config = config;
        this.codec = new Codec(config.maxJsonDepth);
        this.metrics = new ServerMetrics();
        this.log = new JsonLog(logOut, config.log, config.logFlushIntervalDuration());
        this.services = new Services(config, codec, metrics, log);
        this.runs = new RunManager(services);
        this.connections = new ConnectionLimits(config.maxConnections, config.maxConnectionsPerAddress);
        metrics.bind(runs::activeRuns, runs::queuedRuns, config.maxConcurrentRuns, config.maxQueuedRuns);
        Limits ceilings = config.ceilingLimits();
        anonymous = new Principal(Principal.ANONYMOUS, config.quota.maxConcurrentRuns, config.quota.runsPerMinute, ceilings);
        for (ServerConfig.ApiKey k : config.apiKeys) {
            String name = k.name != null ? k.name : "key" + (keys.size() + 1);
            keys.put(k.key, new Principal(name,
                    k.maxConcurrentRuns != null ? k.maxConcurrentRuns : config.quota.maxConcurrentRuns,
                    k.runsPerMinute != null ? k.runsPerMinute : config.quota.runsPerMinute,
                    ServerConfig.applyLimits(ceilings, k.ceilings, "apiKeys[" + name + "].ceilings").clampTo(ceilings)));
        }
    }

    /** Starts a server; the future completes once every verticle listens. */
    public static Future<IonServer> start(ServerConfig config) {
        return start(config, System.out);
    }

    public static Future<IonServer> start(ServerConfig config, PrintStream logOut) {
        IonServer server;
        try {
            server = new IonServer(config, logOut);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return server.deploy().onFailure(e -> server.log.close());
    }

    private Future<IonServer> deploy() {
        // Nothing is read through Vert.x's file resolver (pages are served from memory), so Vert.x
        // needs no cache directory: without one, ion serve starts on a read-only filesystem with no writable /tmp (container images).
        VertxOptions options = new VertxOptions()
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false))
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(metrics.registry()));
        if (!config.cluster.enabled) {
            vertx = builder.with(options).build();
            return deployVerticles();
        }
        return ClusterNodes.start(this, builder, options).compose(v -> deployVerticles());
    }

    /** Cluster mode: Vert.x clustered, and the way to the other nodes' runs (in its own class, so a single node never loads it). */
    void clustered(Vertx vertx, RemoteRuns remote, String tag, java.util.function.LongFunction<Future<Void>> readOut) {
        this.readOut = readOut;
        this.vertx = vertx;
        this.remote = remote;
        this.clusterTag = tag;
    }

    private Future<IonServer> deployVerticles() {
        instances = config.instances > 0 ? config.instances : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        // Every instance asks for the configured port and Vert.x shares one listening socket
        // among them. For "any free port" Vert.x's negative-port convention is used: servers
        // asking for the same negative port share one random port (0 would give each its own).
        int listenPort = config.port == 0 ? -1 : config.port;
        java.util.List<ApiVerticle> deployed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        return vertx.deployVerticle(() -> {
                    ApiVerticle v = new ApiVerticle(this, listenPort);
                    deployed.add(v);
                    return v;
                }, new DeploymentOptions().setInstances(instances))
                .compose(id -> {
                    port = deployed.get(0).actualPort();
                    for (ApiVerticle v : deployed) {
                        if (v.actualPort() != port) {
                            return Future.failedFuture("verticles listen on different ports: " + port + " and "
                                    + v.actualPort());
                        }
                    }
                    return Future.succeededFuture();
                })
                .map(x -> {
                    vertx.setPeriodic(1000, t -> runs.expire());
                    log.always("listening", "url", url(), "instances", instances, "cluster", clusterTag,
                            "auth", keys.isEmpty() ? "none (loopback only)" : keys.size() + " API keys");
                    return this;
                })
                .recover(e -> {
                    vertx.close();
                    return Future.failedFuture(e);
                });
    }

    public String url() {
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return (config.tlsCert != null ? "https://" : "http://") + host + ":" + port;
    }

    public int port() {
        return port;
    }

    public int instances() {
        return instances;
    }

    public Vertx vertx() {
        return vertx;
    }

    public ServerConfig config() {
        return config;
    }

    public Codec codec() {
        return codec;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public RunManager runs() {
        return runs;
    }

    /** The other nodes' runs, or null when the server is not in a cluster. */
    public RemoteRuns remote() {
        return remote;
    }

    /** This node's tag in the cluster (the prefix of its run ids after {@code run_}), or null. */
    public String clusterTag() {
        return clusterTag;
    }

    Services services() {
        return services;
    }

    WebPages pages() {
        return pages;
    }

    ConnectionLimits connections() {
        return connections;
    }

    NetEvents netEvents() {
        return netEvents;
    }

    public JsonLog log() {
        return log;
    }

    /** The principal of the API key named {@code name} ({@code anonymous} without keys), or null. */
    public Principal principalNamed(String name) {
        if (keys.isEmpty()) return name.equals(anonymous.name()) ? anonymous : null;
        for (Principal p : keys.values()) {
            if (p.name().equals(name)) return p;
        }
        return null;
    }

    /** True when API keys are configured (else every request is the anonymous principal's). */
    public boolean keyed() {
        return !keys.isEmpty();
    }

    /** The principal for an {@code Authorization} header value; 401 when keys are configured and it is missing or wrong. */
    public Principal authenticate(String authorization) {
        if (keys.isEmpty()) return anonymous;
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            metrics.rejected("unauthorized");
            throw new ApiError(ErrorCode.UNAUTHORIZED, "missing 'Authorization: Bearer KEY' header",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, Principal> e : keys.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) return e.getValue();
        }
        metrics.rejected("unauthorized");
        throw new ApiError(ErrorCode.UNAUTHORIZED, "unknown API key", Map.of("WWW-Authenticate", "Bearer"));
    }

    /**
     * SIGTERM behaviour, blocking the caller (not an event loop): readiness goes false and
     * new runs are refused, running runs get {@code timeout} to finish, the rest are
     * cancelled, then the server closes.
     */
    public void drainAndClose(Duration timeout) {
        log.always("draining", "activeRuns", runs.activeRuns(), "queuedRuns", runs.queuedRuns(),
                "timeoutMs", timeout.toMillis());
        int cancelled = 0;
        try {
            cancelled = runs.drain(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.always("drained", "cancelledRuns", cancelled);
        if (readOut != null) {
            try {
                readOut.apply(READ_OUT_MS).toCompletionStage().toCompletableFuture().get(READ_OUT_MS + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // leave anyway
            }
            log.always("leaving cluster", "node", clusterTag);
        }
        close();
    }

    /** How long a draining cluster node waits for other nodes' readers to take its runs' last events. */
    static final long READ_OUT_MS = 5_000;

    /** Stops at once (tests): open runs are cut off with the connections. */
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        metrics.close();
        log.close(); // the last lines out; any logged later are written at once
    }
}
