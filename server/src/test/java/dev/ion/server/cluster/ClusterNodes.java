package dev.ion.server.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.ion.server.http.TestServer;
import dev.ion.server.ops.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
}
