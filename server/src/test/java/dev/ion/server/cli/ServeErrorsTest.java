package dev.ion.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What {@code ion serve} tells an operator when it cannot start: the config file's key path
 * and position, the busy port, the unreadable certificate — never a Java class name.
 */
class ServeErrorsTest {
    static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]");

    record Result(int code, String err) {
    }

    /** Runs {@code ion serve}; every case here fails before listening, the bound only catches a server that starts. */
    static Result serve(Map<String, String> env, String... args) {
        return assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            ServeCommand cmd = new ServeCommand();
            cmd.env = env;
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(cmd);
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Result(code, err.toString());
        });
    }

    static void assertNoInternals(String message) {
        assertThat(CLASS_NAME.matcher(message).find()).as(message).isFalse();
        assertThat(message.toLowerCase()).as(message).doesNotContain("jackson", "com.", "java.", "exception", "`");
    }

    @Test
    void unknownKeyNamesTheKeyPathAndItsPlaceInTheFile(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ion.yaml");
        Files.writeString(yaml, "port: 9000\napiKeys:\n  - key: abc\n    nmae: ci\n");
        Result r = serve(Map.of(), "--config", yaml.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ion serve: " + yaml + ", line 4, column ").contains(": unknown key 'apiKeys[0].nmae'")
                .contains("known keys:").contains("name");
        assertNoInternals(r.err());
        Path json = dir.resolve("ion.json");
        Files.writeString(json, "{\"port\": 1,\n \"colour\": \"blue\"}");
        Result top = serve(Map.of(), "--config", json.toString());
        assertThat(top.err()).startsWith("ion serve: " + json + ", line 2, column ").contains(": unknown key 'colour' (known keys: ")
                .contains("maxConcurrentRuns");
        assertNoInternals(top.err());
    }

    @Test
    void wrongTypesNameTheKeyAndWhatItMustBe(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ion.yaml");
        Files.writeString(yaml, "host: 127.0.0.1\nport: eighty\n");
        Result r = serve(Map.of(), "--config", yaml.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("ion serve: " + yaml + ", line 2, column 7: 'port' must be an integer, got 'eighty'\n");
        Files.writeString(yaml, "defaults:\n  fuel: lots\n");
        assertThat(serve(Map.of(), "--config", yaml.toString()).err())
                .isEqualTo("ion serve: " + yaml + ", line 2, column 9: 'defaults.fuel' must be an integer, got 'lots'\n");
        Files.writeString(yaml, "apiKeys: abc\n");
        Result list = serve(Map.of(), "--config", yaml.toString());
        assertThat(list.err()).startsWith("ion serve: " + yaml + ", line 1, column 10: 'apiKeys' must be a list");
        assertNoInternals(list.err());
        Files.writeString(yaml, "log: maybe\n");
        assertThat(serve(Map.of(), "--config", yaml.toString()).err()).contains("'log' must be true or false");
    }

    @Test
    void brokenSyntaxSaysWhere(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ion.yaml");
        Files.writeString(yaml, "port: 1\nhost: [x\n");
        Result r = serve(Map.of(), "--config", yaml.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ion serve: " + yaml + ", line 2, column ");
        assertNoInternals(r.err());
        Files.writeString(yaml, "port: 1\n\thost: x\n");
        assertThat(serve(Map.of(), "--config", yaml.toString()).err()).isEqualTo("ion serve: " + yaml
                + ", line 2, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)\n");
        Path json = dir.resolve("ion.json");
        Files.writeString(json, "{\"port\": 1,}");
        Result j = serve(Map.of(), "--config", json.toString());
        assertThat(j.err()).startsWith("ion serve: " + json + ", line 1, column 12: ");
        assertNoInternals(j.err());
    }

    @Test
    void aMissingConfigFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        Result r = serve(Map.of(), "--config", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("ion serve: cannot read config " + missing + ": no such file\n");
    }

    @Test
    void aBusyPortIsNamedWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            Result r = serve(Map.of(), "--port", String.valueOf(port), "--instances", "1");
            assertThat(r.err()).isEqualTo("ion serve: cannot listen on 127.0.0.1:" + port
                    + ": address already in use (is another server running? use --port)\n");
            assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        }
    }

    @Test
    void aMissingOrBadCertificateIsNamed(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Result missing = serve(Map.of(), "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).isEqualTo("ion serve: tlsCert: cannot read " + cert + ": no such file\n");
        Files.writeString(cert, "hello\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Result garbage = serve(Map.of("ION_TLS_CERT", cert.toString(), "ION_TLS_KEY", key.toString()), "--port", "0");
        assertThat(garbage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbage.err()).isEqualTo("ion serve: tlsCert: " + cert + " holds no PEM certificate"
                + " (expected -----BEGIN CERTIFICATE-----)\n");
        Result half = serve(Map.of(), "--port", "0", "--tls-cert", cert.toString());
        assertThat(half.err()).isEqualTo("ion serve: tlsCert and tlsKey go together: set both or neither\n");
    }
}
