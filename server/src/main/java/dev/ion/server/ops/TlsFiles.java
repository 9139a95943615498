package dev.ion.server.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;

/**
 * TLS from the {@code tlsCert}/{@code tlsKey} files, checked before the server binds so that a missing,
 * unreadable or wrong file stops startup with its name and what was expected instead of a
 * handshake failure later.
 */
public final class TlsFiles {
    private TlsFiles() {
    }

    /** Server options with TLS on when {@code tlsCert}/{@code tlsKey} are set (checked by {@link #check}). */
    public static io.vertx.core.http.HttpServerOptions serverOptions(ServerConfig config) {
        io.vertx.core.http.HttpServerOptions options = new io.vertx.core.http.HttpServerOptions();
        if (config.tlsCert == null) return options;
        return options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
                .setCertPath(config.tlsCert).setKeyPath(config.tlsKey));
    }

    /** Throws IllegalArgumentException naming the file when the pair cannot serve TLS; both null is fine. */
    static void check(String cert, String key) {
        if (cert == null && key == null) return;
        if (cert == null || key == null || cert.isBlank() || key.isBlank()) {
            throw new IllegalArgumentException("tlsCert and tlsKey go together: set both or neither");
        }
        String certText = read("tlsCert", cert);
        if (!certText.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("tlsCert: " + cert + " holds no PEM certificate"
                    + " (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certText.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                throw new GeneralSecurityException("empty");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("tlsCert: " + cert + " holds a PEM block that is not a valid certificate");
        }
        String keyText = read("tlsKey", key);
        if (!keyText.matches("(?s).*-----BEGIN (RSA |EC )?PRIVATE KEY-----.*")) {
            throw new IllegalArgumentException("tlsKey: " + key + " holds no PEM private key (expected -----BEGIN"
                    + " PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        }
        if (!validKey(keyText)) {
            throw new IllegalArgumentException("tlsKey: " + key + " holds a PEM block that is not a valid private key");
        }
    }

    /** A PKCS#8 key must be one the JDK can load; the older RSA and EC forms must at least be base64. */
    private static boolean validKey(String pem) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----([^-]*)-----END \\1-----").matcher(pem);
        if (!m.find()) return false;
        byte[] der;
        try {
            der = java.util.Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (der.length == 0) return false;
        if (!m.group(1).equals("PRIVATE KEY")) return true;
        for (String algorithm : new String[]{"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                java.security.KeyFactory.getInstance(algorithm).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return false;
    }

    private static String read(String what, String file) {
        Path p = Path.of(file);
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + ": cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + ": cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + file
                    + (Files.isDirectory(p) ? ": is a directory" : ""));
        }
    }
}
