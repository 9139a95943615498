package dev.ion.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files under one classpath folder (the playground's bundle, the Swagger UI webjar), read
 * into memory on first request with a content type and a strong ETag. Vert.x's
 * StaticHandler would copy classpath files into a cache directory first, which fails on a
 * read-only root file system; these assets never touch the disk.
 */
final class ClasspathAssets {
    /** One file: its bytes, media type and ETag (a hash of the bytes, quoted). */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "map", "application/json");

    private final ClassLoader loader;
    private final String root;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** {@code root} is a classpath folder such as {@code dev/ion/playground}, or null when there is none. */
    ClasspathAssets(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    /** The file at {@code path} (relative, no {@code ..}), or empty when there is none or it is not servable. */
    Optional<Asset> get(String path) {
        if (root == null || path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(path));
        if (type == null) return Optional.empty();
        Asset known = cache.get(path);
        if (known != null) return Optional.of(known);
        // only files that exist are kept: requests for made-up names must not grow the map
        Optional<Asset> loaded = load(path, type);
        loaded.ifPresent(a -> cache.putIfAbsent(path, a));
        return loaded;
    }

    private Optional<Asset> load(String path, String type) {
        try (InputStream in = loader.getResourceAsStream(root + "/" + path)) {
            if (in == null) return Optional.empty();
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files are held in memory (for tests). */
    int cached() {
        return cache.size();
    }

    static String etag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The folder of the Swagger UI webjar on the classpath (it is named after its version), or null. */
    static String swaggerUiRoot(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) return null;
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String version = p.getProperty("version");
            return version == null ? null : "META-INF/resources/webjars/swagger-ui/" + version;
        } catch (IOException e) {
            return null;
        }
    }
}
