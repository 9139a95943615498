package dev.ion.server.http;

import java.util.List;

/**
 * API keys for browsers on {@code /v1/ws}: a browser cannot set {@code Authorization} on a
 * WebSocket, but it can offer subprotocols, so it offers {@code ion.v1} (which the server
 * selects and echoes) and {@code ion.key.KEY} (never echoed). The key stays out of the URL,
 * which ends up in logs and browser history.
 */
final class WsKeyProtocol {
    /** The subprotocol the server selects. */
    static final String PROTOCOL = "ion.v1";
    static final String KEY_PREFIX = "ion.key.";
    static final String HEADER = "Sec-WebSocket-Protocol";

    private WsKeyProtocol() {
    }

    /** {@code "Bearer KEY"} for the first {@code ion.key.KEY} among the offered subprotocols, or null. */
    static String bearer(List<String> headerValues) {
        for (String value : headerValues) {
            for (String offered : value.split(",")) {
                String p = offered.trim();
                if (p.startsWith(KEY_PREFIX) && p.length() > KEY_PREFIX.length()) {
                    return "Bearer " + p.substring(KEY_PREFIX.length());
                }
            }
        }
        return null;
    }
}
