package dev.ion.server.ops;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ion.engine.Limits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code ion serve} can be told, with embedded defaults so that it starts with
 * no file at all. Loaded from YAML or JSON (unknown keys are errors), then overridden by
 * {@code ION_*} environment variables and command-line options.
 */
public final class ServerConfig {
    public String host = "127.0.0.1";
    public int port = 8080;
    /** Verticle instances; 0 = one per event loop. */
    public int instances = 0;
    public String drainTimeout = "30s";

    public long maxBodyBytes = 1L << 20;
    public int maxSourceBytes = 256 * 1024;
    public int maxJsonDepth = 64;

    public int maxConcurrentRuns = 64;
    public int maxQueuedRuns = 256;
    /**
     * With two or more API keys, the share of the slots and of the queue that one key may
     * hold (429 beyond); 1.0 turns the fair share off.
     */
    public double maxKeyShare = 0.5;

    /** Bytes a WebSocket or SSE response may have queued before the emitting Ion task parks. */
    public int writeQueueBytes = 64 * 1024;
    /** Events of a run kept for SSE replay (oldest dropped beyond either bound). */
    public int historyEvents = 20_000;
    public long historyBytes = 4L << 20;
    /** Output text kept for the run's response ({@code output}); beyond it the text is cut. */
    public int maxRetainedOutput = 1 << 20;

    public int retainRuns = 1000;
    public String retainFor = "5m";
    public int inputCapacity = 64;
    /** Values sent to a run's {@code input} that its script has not received yet: at most this many ... */
    public int maxQueuedInputs = 1024;
    /** ... and this many bytes (as sent); beyond either the sender gets 429 rate_limited. */
    public long maxQueuedInputBytes = 4L << 20;
    /** How long past its deadline_ms the server ends a run whose engine has not ended it. */
    public String deadlineGrace = "500ms";

    /** PEM certificate chain and private key (PKCS#8, or PKCS#1 RSA / SEC1 EC) for HTTPS and WSS; both or neither. */
    public String tlsCert;
    public String tlsKey;

    /** Default limits of a run (names of LANGUAGE.md §9); unset ones come from {@code Limits.defaults()}. */
    public Map<String, Long> defaults = new LinkedHashMap<>();
    /**
     * Server-wide ceilings that request limits are clamped to; unset ones equal the defaults,
     * except deadline_ms, whose ceiling is at least {@link #DEFAULT_DEADLINE_CEILING_MS}.
     */
    public Map<String, Long> ceilings = new LinkedHashMap<>();

    /** Quotas for keys that set none, and for anonymous use on loopback. 0 = unlimited. */
    public Quota quota = new Quota();
    public List<ApiKey> apiKeys = new ArrayList<>();

    /** Allowed CORS origins ("*" for any); empty = no CORS headers. */
    public List<String> corsOrigins = new ArrayList<>();
    public String wsPingInterval = "20s";
    /** A comment line on idle SSE streams this often, so proxies and clients do not time them out. */
    public String sseKeepAlive = "15s";
    /** One JSON line per request and per run (lifecycle lines are always written). */
    public boolean log = true;
    /**
     * Request and run lines are written in batches, at most this long after they were logged
     * (one write instead of one per line); 0 writes and flushes every line at once.
     */
    public String logFlushInterval = "5ms";

    /** A connection must deliver its first complete request head within this, or it is closed. */
    public String headerTimeout = "10s";
    /** A keep-alive connection with no request in flight is closed after this (its next request head must be complete by then). */
    public String keepAliveTimeout = "60s";
    /** A WebSocket from which no frame at all (data, ping or pong) arrives for this long is closed (1001). */
    public String wsIdleTimeout = "60s";
    /** Open connections (HTTP and WebSocket) over all clients; beyond, new ones are refused. */
    public int maxConnections = 10_000;
    /** Open connections from one client address; beyond, new ones from it are refused. */
    public int maxConnectionsPerAddress = 512;

    /** Cluster mode (docs/CLUSTER.md); off by default: a single node loads nothing of it. */
    public Cluster cluster = new Cluster();

    /** The {@code cluster:} section: how this node finds the others and where it listens for them. */
    public static final class Cluster {
        public boolean enabled = false;
        /** Hazelcast members to join, {@code host} or {@code host:port} (port defaults to {@link #port}). */
        public List<String> members = new ArrayList<>();
        /** The address this node binds and advertises for Hazelcast and the event bus; unset = Hazelcast's choice. */
        public String host;
        /** Hazelcast's port (exactly this one: no auto-increment). */
        public int port = 5701;
        /** The clustered event bus's TCP port; 0 = any free port (advertised through Hazelcast). */
        public int busPort = 5702;
        /** A headless Service's DNS name: Kubernetes DNS discovery instead of the member list. */
        public String kubernetesDns;

        void validate() {
            if (port < 1 || port > 65535) throw new IllegalArgumentException("cluster.port must be 1..65535, got " + port);
            if (busPort < 0 || busPort > 65535) {
                throw new IllegalArgumentException("cluster.busPort must be 0..65535, got " + busPort);
            }
            if (busPort == port) {
                throw new IllegalArgumentException("cluster.busPort and cluster.port must differ, both are " + port);
            }
            if (kubernetesDns != null && kubernetesDns.isBlank()) kubernetesDns = null;
            if (kubernetesDns != null && !members.isEmpty()) {
                throw new IllegalArgumentException("cluster.members and cluster.kubernetesDns exclude each other:"
                        + " give the member list or the Service name, not both");
            }
            for (String m : members) memberAddress(m, port);
        }

        /** Splits {@code host[:port]} ({@code [v6]:port} too); an IllegalArgumentException names the bad entry. */
        public static String[] memberAddress(String member, int defaultPort) {
            String m = member == null ? "" : member.trim();
            String host = m;
            String port = null;
            if (m.startsWith("[")) {
                int end = m.indexOf(']');
                if (end < 0) throw new IllegalArgumentException("cluster member '" + member + "': missing ']'");
                host = m.substring(1, end);
                if (m.length() > end + 1) {
                    if (m.charAt(end + 1) != ':') throw new IllegalArgumentException("cluster member '" + member
                            + "': expected ':port' after ']'");
                    port = m.substring(end + 2);
                }
            } else if (m.indexOf(':') >= 0 && m.indexOf(':') == m.lastIndexOf(':')) {
                host = m.substring(0, m.indexOf(':'));
                port = m.substring(m.indexOf(':') + 1);
            }
            if (host.isBlank()) throw new IllegalArgumentException("cluster member '" + member + "' has no host");
            int p = defaultPort;
            if (port != null) {
                try {
                    p = Integer.parseInt(port.trim());
                } catch (NumberFormatException e) {
                    p = -1;
                }
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("cluster member '" + member + "': port must be 1..65535");
                }
            }
            return new String[]{host, Integer.toString(p)};
        }
    }

    /** Per-key quotas. */
    public static final class Quota {
        public int maxConcurrentRuns = 0;
        public int runsPerMinute = 0;
    }

    /** One API key: the secret, a name for logs and metrics, its quotas and limit ceilings. */
    public static final class ApiKey {
        public String key;
        public String name;
        public Integer maxConcurrentRuns;
        public Integer runsPerMinute;
        public Map<String, Long> ceilings = new LinkedHashMap<>();
    }

    /**
     * Reads a YAML or JSON config file: an unreadable file is an IOException, mistakes in it
     * an IllegalArgumentException naming the line, column and key path (see {@link ConfigFile}).
     */
    public static ServerConfig load(Path file) throws IOException {
        return ConfigFile.read(file);
    }

    /** Adds keys from {@code ION_API_KEYS} (comma-separated), named {@code key1}, {@code key2}, …. */
    public void addApiKeys(String commaSeparated) {
        if (commaSeparated == null) return;
        for (String k : commaSeparated.split(",")) {
            if (!k.isBlank()) addApiKey(k.trim());
        }
    }

    /** Adds one key with no quotas of its own, named {@code keyN} after the keys already held. */
    public void addApiKey(String secret) {
        ApiKey key = new ApiKey();
        key.key = secret;
        key.name = "key" + (apiKeys.size() + 1);
        apiKeys.add(key);
    }

    /** Throws IllegalArgumentException with a message for the operator when the config cannot work. */
    public void validate() {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (instances < 0) throw new IllegalArgumentException("instances must not be negative");
        if (maxConcurrentRuns <= 0) throw new IllegalArgumentException("maxConcurrentRuns must be positive");
        if (maxQueuedRuns < 0) throw new IllegalArgumentException("maxQueuedRuns must not be negative");
        for (ApiKey k : apiKeys) {
            if (k.key == null || k.key.isBlank()) throw new IllegalArgumentException("an API key has no 'key'");
        }
        if (!(maxKeyShare > 0 && maxKeyShare <= 1)) {
            throw new IllegalArgumentException("maxKeyShare must be above 0 and at most 1, got " + maxKeyShare);
        }
        if (maxQueuedInputs <= 0) throw new IllegalArgumentException("maxQueuedInputs must be positive");
        if (maxQueuedInputBytes <= 0) throw new IllegalArgumentException("maxQueuedInputBytes must be positive");
        duration(deadlineGrace, "deadlineGrace");
        duration(drainTimeout, "drainTimeout");
        duration(retainFor, "retainFor");
        duration(wsPingInterval, "wsPingInterval");
        positive(headerTimeout, "headerTimeout");
        positive(keepAliveTimeout, "keepAliveTimeout");
        Duration flush = logFlushIntervalDuration();
        if (flush.isNegative() || flush.toMillis() > 1000) {
            throw new IllegalArgumentException("logFlushInterval must be 0 to 1s, got '" + logFlushInterval + "'");
        }
        if (wsIdleTimeoutDuration().compareTo(wsPingDuration()) <= 0 && wsPingDuration().toMillis() > 0) {
            throw new IllegalArgumentException("wsIdleTimeout (" + wsIdleTimeout + ") must be longer than wsPingInterval ("
                    + wsPingInterval + "), or clients that only answer pings are closed");
        }
        if (maxConnections <= 0) throw new IllegalArgumentException("maxConnections must be positive");
        if (maxConnectionsPerAddress <= 0) throw new IllegalArgumentException("maxConnectionsPerAddress must be positive");
        if (sseKeepAliveDuration().toMillis() < 1) {
            throw new IllegalArgumentException("sseKeepAlive: must be at least 1ms, got '" + sseKeepAlive + "'");
        }
        defaultLimits();
        ceilingLimits();
        if (apiKeys.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without API keys: anyone who can"
                    + " reach it could run scripts. Add one with ION_API_KEYS=SECRET (comma-separated for several),"
                    + " a file of keys named by ION_API_KEYS_FILE (one per line),"
                    + " or an 'apiKeys: [{key: SECRET}]' entry in the --config file, or bind to 127.0.0.1.");
        }
        TlsFiles.check(tlsCert, tlsKey);
        if (cluster == null) cluster = new Cluster();
        if (cluster.enabled) cluster.validate();
    }

    /** {@link #maxBodyBytes} as a message size: WebSocket messages are bounded by the body cap. */
    @JsonIgnore
    public int maxMessageBytes() {
        return (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
    }

    @JsonIgnore
    public Duration logFlushIntervalDuration() {
        return duration(logFlushInterval, "logFlushInterval");
    }

    @JsonIgnore
    public Duration drainTimeoutDuration() {
        return duration(drainTimeout, "drainTimeout");
    }

    @JsonIgnore
    public Duration retainForDuration() {
        return duration(retainFor, "retainFor");
    }

    @JsonIgnore
    public Duration deadlineGraceDuration() {
        return duration(deadlineGrace, "deadlineGrace");
    }

    @JsonIgnore
    public Duration wsPingDuration() {
        return duration(wsPingInterval, "wsPingInterval");
    }

    @JsonIgnore
    public Duration sseKeepAliveDuration() {
        return duration(sseKeepAlive, "sseKeepAlive");
    }

    @JsonIgnore
    public Duration headerTimeoutDuration() {
        return duration(headerTimeout, "headerTimeout");
    }

    @JsonIgnore
    public Duration keepAliveTimeoutDuration() {
        return duration(keepAliveTimeout, "keepAliveTimeout");
    }

    @JsonIgnore
    public Duration wsIdleTimeoutDuration() {
        return positive(wsIdleTimeout, "wsIdleTimeout");
    }

    private static Duration positive(String text, String what) {
        Duration d = duration(text, what);
        if (d.toMillis() < 1) throw new IllegalArgumentException(what + ": must be at least 1ms, got '" + text + "'");
        return d;
    }

    @JsonIgnore
    public Limits defaultLimits() {
        return applyLimits(Limits.defaults(), defaults, "defaults");
    }

    /** The deadline_ms a request may ask for when no ceiling says otherwise (the default stays 10 s). */
    public static final long DEFAULT_DEADLINE_CEILING_MS = 60_000;

    @JsonIgnore
    public Limits ceilingLimits() {
        Limits base = defaultLimits();
        if (base.deadlineMs() < DEFAULT_DEADLINE_CEILING_MS) base = base.with("deadline_ms", DEFAULT_DEADLINE_CEILING_MS);
        return applyLimits(base, ceilings, "ceilings");
    }

    public static Limits applyLimits(Limits base, Map<String, Long> values, String what) {
        Limits l = base;
        if (values == null) return l;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            try {
                l = l.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(what + ": " + ex.getMessage());
            }
        }
        return l;
    }

    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a plain number of seconds. */
    public static Duration duration(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            if (t.endsWith("m")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
            if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a duration: '" + text + "' (use e.g. 500ms, 30s, 2m)");
        }
    }
}
