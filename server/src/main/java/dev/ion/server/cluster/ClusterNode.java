package dev.ion.server.cluster;

import dev.ion.server.ops.ServerConfig;
import dev.ion.server.ops.Services;
import dev.ion.server.runs.RemoteRuns;
import dev.ion.server.runs.Principal;
import dev.ion.server.runs.RunManager;
import dev.ion.server.runs.RunObserver;
import dev.ion.server.runs.RunSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * This server as a member of a cluster: starts Vert.x clustered on Hazelcast (configured by
 * {@link HazelcastConfigs}), takes a node tag, answers the other nodes about its runs
 * ({@link OwnerEndpoint}) and forwards requests for theirs ({@link ForwardingRuns}). Only
 * {@code ion serve --cluster} loads this class, and with it Hazelcast. Leaving the cluster is
 * closing Vert.x.
 */
public final class ClusterNode {
    private final Vertx vertx;
    private final NodeDirectory directory;
    private final ForwardingRuns forwarding;
    private final OwnerEndpoint endpoint;

    private ClusterNode(Vertx vertx, NodeDirectory directory, ForwardingRuns forwarding, OwnerEndpoint endpoint) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.directory = directory;
        this.forwarding = forwarding;
    }

    /** Builds clustered Vert.x from {@code builder} and {@code options}, joins, and starts answering for local runs. */
    public static Future<ClusterNode> start(VertxBuilder builder, VertxOptions options, Services services, RunManager runs,
                                            java.util.function.Function<String, Principal> principals) {
        ServerConfig.Cluster c = services.config().cluster;
        HazelcastClusterManager manager;
        try {
            manager = new HazelcastClusterManager(HazelcastConfigs.of(c));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (c.host != null && !c.host.isBlank()) {
            String ip = HazelcastConfigs.ip(c.host);
            options.getEventBusOptions().setHost(ip).setClusterPublicHost(ip);
        }
        options.getEventBusOptions().setPort(c.busPort);
        return builder.with(options).withClusterManager(manager).buildClustered().compose(vertx -> {
            NodeDirectory directory = new NodeDirectory(manager.getHazelcastInstance(), manager.getNodeId());
            return vertx.executeBlocking(directory::join).compose(tag -> {
                runs.idPrefix("run_" + tag);
                ClusterQuotas quotas = new ClusterQuotas(vertx, manager.getHazelcastInstance(), tag);
                runs.clusterAdmission(quotas);
                // Registered before any reader: the slots are given back before readers hear of the loss.
                directory.onLost(nodeId -> {
                    String lostTag = directory.tagOf(nodeId);
                    if (lostTag == null) return;
                    try {
                        quotas.nodeLost(lostTag);
                    } catch (RuntimeException e) {
                        services.log().warn("giving back the quota slots of a lost node failed", "node", lostTag,
                                "error", String.valueOf(e));
                    }
                });
                services.metrics().bindCluster(directory::members);
                int max = services.config().maxConcurrentRuns;
                directory.publishFreeSlots(max);
                // a draining node has no slot for anyone: it would refuse a placed run with 503 shutting_down
                java.util.function.IntSupplier free = () -> runs.draining() ? 0 : max - runs.activeRuns();
                runs.addObserver(new RunObserver() {
                    @Override
                    public void started(RunSession session) {
                        directory.publishFreeSlots(free.getAsInt());
                    }

                    @Override
                    public void ended(RunSession session) {
                        directory.publishFreeSlots(free.getAsInt());
                    }

                    @Override
                    public void draining() {
                        directory.publishFreeSlots(0);
                    }
                });
                OwnerEndpoint endpoint = new OwnerEndpoint(vertx, runs, services, principals);
                return endpoint.start(tag, options.getEventLoopPoolSize()).map(endpoint);
            }).map(endpoint -> {
                services.log().always("joined cluster", "node", directory.tag(), "nodeId", directory.nodeId(),
                        "members", directory.members());
                return new ClusterNode(vertx, directory, new ForwardingRuns(vertx, services, directory, runs), endpoint);
            }).recover(e -> vertx.close().transform(x -> Future.failedFuture(e)));
        });
    }

    /** Drain's last step before leaving: readers on other nodes get the ends of this node's runs (bounded by {@code timeoutMs}). */
    public Future<Void> readOut(long timeoutMs) {
        return endpoint.readOut(timeoutMs);
    }

    public Vertx vertx() {
        return vertx;
    }

    public RemoteRuns remote() {
        return forwarding;
    }

    /** This node's tag: the prefix of its run ids after {@code run_}. */
    public String tag() {
        return directory.tag();
    }

    /** Members of the cluster as this node sees them. */
    public int members() {
        return directory.members();
    }
}
