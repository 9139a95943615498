package dev.ion.loadtests.load;

import java.net.URI;
import java.net.URISyntaxException;

/** The server under load: where it listens and the API key to send, from {@code --url} and {@code --api-key}. */
record Target(String host, int port, boolean ssl, String basePath, String apiKey) {

    /** Parses {@code url} ({@code http://host:port} or {@code https://…}, with an optional path prefix). */
    static Target parse(String url, String apiKey) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("--url '" + url + "' must start with http:// or https://");
        }
        if (u.getHost() == null) throw new IllegalArgumentException("--url '" + url + "' has no host");
        if (u.getQuery() != null || u.getFragment() != null) {
            throw new IllegalArgumentException("--url '" + url + "' must not have a query or fragment");
        }
        boolean ssl = "https".equals(scheme);
        int port = u.getPort() >= 0 ? u.getPort() : ssl ? 443 : 80;
        String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
        return new Target(u.getHost(), port, ssl, path, apiKey);
    }

    String url() {
        return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
    }
}
