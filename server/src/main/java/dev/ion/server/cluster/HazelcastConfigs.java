package dev.ion.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import dev.ion.server.ops.ServerConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of a node, built in code from the {@code cluster:} settings so
 * that no configuration we ship can discover members we did not name: multicast and
 * auto-detection off, phone-home off, joining by the TCP/IP member list or by Kubernetes DNS
 * lookup, bound to {@code cluster.host} only. It starts from vertx-hazelcast's own defaults
 * (the maps and multimaps the clustered event bus needs).
 */
final class HazelcastConfigs {
    /** Seconds without a heartbeat before a member is declared dead (the node-loss bound of docs/CLUSTER.md). */
    static final int MAX_NO_HEARTBEAT_SECONDS = 10;

    private HazelcastConfigs() {
    }

    static Config of(ServerConfig.Cluster c) {
        System.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        // Vert.x takes its locks in UNSAFE mode on purpose (no CP subsystem below three members): not worth a warning.
        Logger.getLogger("com.hazelcast.cp").setLevel(Level.SEVERE);
        Config cfg = ConfigUtil.loadConfig();
        if (cfg == null) cfg = new Config();
        cfg.setClusterName("ion");
        cfg.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        cfg.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "jdk");
        cfg.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "1");
        cfg.setProperty(ClusterProperty.MAX_WAIT_SECONDS_BEFORE_JOIN.getName(), "2");
        cfg.setProperty(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(), "1");
        cfg.setProperty(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(), Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
        cfg.setProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName(), "10");
        cfg.setProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName(), "10");

        NetworkConfig net = cfg.getNetworkConfig();
        net.setPort(c.port).setPortAutoIncrement(false);
        if (c.host != null && !c.host.isBlank()) {
            String ip = ip(c.host);
            net.getInterfaces().setEnabled(true).addInterface(ip);
            net.setPublicAddress(ip + ":" + c.port);
            cfg.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
        }
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (c.kubernetesDns != null) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", c.kubernetesDns)
                    .setProperty("service-port", Integer.toString(c.port));
        } else {
            join.getTcpIpConfig().setEnabled(true);
            for (String m : c.members) {
                String[] hp = ServerConfig.Cluster.memberAddress(m, c.port);
                join.getTcpIpConfig().addMember(hp[0] + ":" + hp[1]);
            }
        }
        return cfg;
    }

    /** Hazelcast's interface filter wants an IP address; a host name is resolved once, here. */
    static String ip(String host) {
        try {
            return InetAddress.getByName(host.trim()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cluster.host '" + host + "' does not resolve to an address");
        }
    }
}
