package dev.ion.server.cluster;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import dev.ion.server.http.TestServer;
import dev.ion.server.ops.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Clustered test servers in this JVM, bound and joined on 127.0.0.1 only. */
final class ClusterNodes {
    private ClusterNodes() {
    }

    /** A free loopback port (for Hazelcast, whose member list must name ports up front). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member list naming {@code ports} on 127.0.0.1. */
    static List<String> members(int... ports) {
        List<String> out = new ArrayList<>();
        for (int p : ports) out.add("127.0.0.1:" + p);
        return out;
    }

    /** A clustered server on Hazelcast port {@code port} joining {@code members}. */
    static TestServer node(int port, List<String> members, Consumer<ServerConfig> tweak) {
        return new TestServer(cfg -> {
            cfg.cluster.enabled = true;
            cfg.cluster.host = "127.0.0.1";
            cfg.cluster.port = port;
            cfg.cluster.busPort = 0;
            cfg.cluster.members = new ArrayList<>(members);
            tweak.accept(cfg);
        });
    }

    /** The Hazelcast member of this JVM listening on {@code port}. */
    static HazelcastInstance memberOnPort(int port) {
        for (HazelcastInstance h : Hazelcast.getAllHazelcastInstances()) {
            if (h.getCluster().getLocalMember().getAddress().getPort() == port) return h;
        }
        throw new AssertionError("no Hazelcast member on port " + port);
    }

    /**
     * Waits until the value {@code map} holds under {@code key} (null for none) is {@code wanted}:
     * now, or when an entry event brings it (replicated maps reach each member asynchronously).
     * Returns false when that did not happen within {@code seconds}.
     */
    static <V> boolean awaitEntry(ReplicatedMap<String, V> map, String key, Predicate<V> wanted, long seconds)
            throws InterruptedException {
        CompletableFuture<Void> held = new CompletableFuture<>();
        UUID listener = map.addEntryListener(new EntryAdapter<>() {
            @Override
            public void onEntryEvent(EntryEvent<String, V> e) {
                if (wanted.test(e.getValue())) held.complete(null);
            }
        }, key);
        try {
            if (wanted.test(map.get(key))) return true;
            held.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            map.removeEntryListener(listener);
        }
    }
}
