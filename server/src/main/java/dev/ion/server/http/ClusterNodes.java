package dev.ion.server.http;

import dev.ion.server.cluster.ClusterNode;
import io.vertx.core.Future;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

/**
 * The one place the HTTP layer starts cluster mode. A class of its own so that
 * {@link IonServer} names no cluster class: a single node never loads Hazelcast.
 */
final class ClusterNodes {
    private ClusterNodes() {
    }

    static Future<Void> start(IonServer server, VertxBuilder builder, VertxOptions options) {
        return ClusterNode.start(builder, options, server.services(), server.runs(), server::principalNamed)
                .map(node -> {
                    server.clustered(node.vertx(), node.remote(), node.tag(), node::readOut);
                    return null;
                });
    }
}
