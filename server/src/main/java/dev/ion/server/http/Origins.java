package dev.ion.server.http;

import io.vertx.core.net.HostAndPort;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser pages may use the server. Browsers apply no CORS to WebSockets, so
 * without a check on {@code /v1/ws} any web page a user visits could drive a server on
 * their loopback (which needs no key) through their browser: a page of the server itself
 * (the playground) and the origins in {@code corsOrigins} may. The server's own pages are
 * also kept out of the CORS check, which knows only the listed origins. Clients that send
 * no {@code Origin} (programs, not browsers) are not concerned.
 */
final class Origins {
    private Origins() {
    }

    static boolean allowed(String origin, boolean tls, HostAndPort authority, List<String> corsOrigins) {
        if (corsOrigins.contains("*") || corsOrigins.contains(origin)) return true;
        return same(origin, tls, authority);
    }

    /** True when {@code origin} is this server as the request reached it (scheme, host and port). */
    static boolean same(String origin, boolean tls, HostAndPort authority) {
        if (origin == null || authority == null) return false;
        String scheme = tls ? "https" : "http";
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) return false;
        if (!uri.getScheme().toLowerCase(Locale.ROOT).equals(scheme)) return false;
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        int requestPort = authority.port() < 0 ? defaultPort : authority.port();
        return originPort == requestPort && bare(uri.getHost()).equalsIgnoreCase(bare(authority.host()));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
