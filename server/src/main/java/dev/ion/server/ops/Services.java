package dev.ion.server.ops;

import dev.ion.protocol.Codec;

/**
 * The server-wide services, in one object handed to whatever needs them (the routes, each WebSocket
 * connection, the run registry and every run), instead of each reaching them through another owner.
 */
public record Services(ServerConfig config, Codec codec, ServerMetrics metrics, JsonLog log) {
}
