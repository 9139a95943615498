package dev.ion.server.cli;

import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Option/environment/config-file resolution of {@code ion serve} and its refusal to run unprotected. */
class ServeCommandTest {
    record Result(int code, String err) {
    }

    static Result serve(Map<String, String> env, String... args) {
        ServeCommand cmd = new ServeCommand();
        cmd.env = env;
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), err.toString());
    }

    @Test
    void refusesANonLoopbackAddressWithoutApiKeys() {
        Result r = serve(Map.of(), "--host", "0.0.0.0", "--port", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0 without API keys").contains("ION_API_KEYS=", "ION_API_KEYS_FILE");
        Result viaEnv = serve(Map.of("ION_HOST", "0.0.0.0"));
        assertThat(viaEnv.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void resolvesDefaultsThenFileThenEnvironmentThenOptions(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ion.yaml");
        Files.writeString(yaml, "port: 9000\ninstances: 3\nmaxConcurrentRuns: 7\napiKeys:\n  - key: abc\n    name: ci\n"
                + "    runsPerMinute: 10\ndefaults:\n  fuel: 5000\n");
        ServeCommand cmd = new ServeCommand();
        cmd.env = Map.of("ION_CONFIG", yaml.toString(), "ION_PORT", "9100", "ION_API_KEYS", "k1, k2");
        new CommandLine(cmd).parseArgs("--instances", "2", "--drain-timeout", "5s");
        ServerConfig cfg = cmd.resolve();
        cfg.validate();
        assertThat(cfg.host).isEqualTo("127.0.0.1");
        assertThat(cfg.port).isEqualTo(9100);
        assertThat(cfg.instances).isEqualTo(2);
        assertThat(cfg.maxConcurrentRuns).isEqualTo(7);
        assertThat(cfg.drainTimeoutDuration().toMillis()).isEqualTo(5000);
        assertThat(cfg.apiKeys).extracting(k -> k.key).containsExactly("abc", "k1", "k2");
        assertThat(cfg.defaultLimits().fuel()).isEqualTo(5000);
    }

    @Test
    void resolvesTheClusterSettingsFromFileEnvironmentAndOptions(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ion.yaml");
        Files.writeString(yaml, "cluster:\n  members: [\"10.0.0.1\", \"10.0.0.2:5801\"]\n  port: 5801\n  busPort: 5802\n");
        ServeCommand cmd = new ServeCommand();
        cmd.env = Map.of("ION_CONFIG", yaml.toString(), "ION_CLUSTER", "true", "ION_CLUSTER_HOST", "127.0.0.1");
        new CommandLine(cmd).parseArgs("--cluster-bus-port", "0");
        ServerConfig cfg = cmd.resolve();
        cfg.validate();
        assertThat(cfg.cluster.enabled).isTrue();
        assertThat(cfg.cluster.members).containsExactly("10.0.0.1", "10.0.0.2:5801");
        assertThat(cfg.cluster.host).isEqualTo("127.0.0.1");
        assertThat(cfg.cluster.port).isEqualTo(5801);
        assertThat(cfg.cluster.busPort).isZero();

        ServeCommand opts = new ServeCommand();
        opts.env = Map.of("ION_CLUSTER_MEMBERS", "a:1,b:2", "ION_CLUSTER_PORT", "6000");
        new CommandLine(opts).parseArgs("--cluster", "--cluster-members", "c,d:7000", "--cluster-kubernetes-dns", "");
        ServerConfig fromOptions = opts.resolve();
        fromOptions.validate();
        assertThat(fromOptions.cluster.members).containsExactly("c", "d:7000");
        assertThat(fromOptions.cluster.port).isEqualTo(6000);
        assertThat(fromOptions.cluster.busPort).isEqualTo(5702);
        assertThat(fromOptions.cluster.kubernetesDns).isNull();
        assertThat(new ServerConfig().cluster.enabled).isFalse();
    }

    @Test
    void rejectsBadClusterSettings() {
        assertThat(serve(Map.of("ION_CLUSTER", "maybe")).err()).contains("ION_CLUSTER must be true or false, got 'maybe'");
        assertThat(serve(Map.of(), "--cluster", "--cluster-members", "a:99999").err())
                .contains("cluster member 'a:99999': port must be 1..65535");
        assertThat(serve(Map.of(), "--cluster", "--cluster-members", "a", "--cluster-kubernetes-dns", "ion-headless").err())
                .contains("cluster.members and cluster.kubernetesDns exclude each other");
        assertThat(serve(Map.of(), "--cluster", "--cluster-port", "5702").err())
                .contains("cluster.busPort and cluster.port must differ");
        assertThat(serve(Map.of("ION_CLUSTER_PORT", "x")).err()).contains("ION_CLUSTER_PORT must be a number");
    }

    @Test
    void rejectsBadConfigFilesAndValues(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("ion.json");
        Files.writeString(json, "{\"port\": 1, \"colour\": \"blue\"}");
        Result unknown = serve(Map.of(), "--config", json.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("colour");
        assertThat(serve(Map.of("ION_PORT", "eighty")).err()).contains("ION_PORT must be a number");
        assertThat(serve(Map.of(), "--drain-timeout", "soon").err()).contains("not a duration");
        assertThat(serve(Map.of(), "--config", dir.resolve("missing.yaml").toString()).err())
                .contains("cannot read config");
    }

    @Test
    void addsTheKeysOfTheKeysFileSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "\uFEFF# CI and the dashboard\r\nci-secret\r\n\n   \n  # rotated 2026-11\n  dash-secret  \nlast");
        ServeCommand cmd = new ServeCommand();
        cmd.env = Map.of("ION_API_KEYS", "k1", "ION_API_KEYS_FILE", keys.toString(), "ION_HOST", "0.0.0.0");
        new CommandLine(cmd).parseArgs();
        ServerConfig cfg = cmd.resolve();
        cfg.validate();
        assertThat(cfg.apiKeys).extracting(k -> k.key).containsExactly("k1", "ci-secret", "dash-secret", "last");
        assertThat(cfg.apiKeys).extracting(k -> k.name).containsExactly("key1", "key2", "key3", "key4");

        Path other = dir.resolve("other");
        Files.writeString(other, "from-option\n");
        ServeCommand withOption = new ServeCommand();
        withOption.env = Map.of("ION_API_KEYS_FILE", keys.toString());
        new CommandLine(withOption).parseArgs("--api-keys-file", other.toString());
        assertThat(withOption.resolve().apiKeys).extracting(k -> k.key).containsExactly("from-option");

        ServeCommand blank = new ServeCommand();
        blank.env = Map.of("ION_API_KEYS_FILE", " ");
        new CommandLine(blank).parseArgs();
        assertThat(blank.resolve().apiKeys).isEmpty();
    }

    @Test
    void aKeysFileThatCannotServeIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Result r = serve(Map.of("ION_API_KEYS_FILE", missing.toString(), "ION_HOST", "0.0.0.0"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("ion serve: cannot read API keys file " + missing + ": no such file\n");
        assertThat(serve(Map.of(), "--api-keys-file", dir.toString()).err())
                .isEqualTo("ion serve: cannot read API keys file " + dir + ": is a directory\n");

        Path onlyComments = dir.resolve("empty");
        Files.writeString(onlyComments, "# no keys yet\n\n");
        Result empty = serve(Map.of("ION_API_KEYS_FILE", onlyComments.toString()));
        assertThat(empty.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).isEqualTo("ion serve: API keys file " + onlyComments + " holds no key (one key per line;"
                + " blank lines and lines starting with # are ignored)\n");

        Path pairs = dir.resolve("pairs");
        Files.writeString(pairs, "good\nci  s3cret\n");
        assertThat(serve(Map.of(), "--api-keys-file", pairs.toString()).err()).isEqualTo("ion serve: API keys file "
                + pairs + ", line 2: a key cannot contain spaces (one key per line; lines starting with # are comments)\n");

        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, new byte[]{'k', (byte) 0xE9, '\n'});
        assertThat(serve(Map.of(), "--api-keys-file", latin1.toString()).err())
                .isEqualTo("ion serve: cannot read API keys file " + latin1 + ": not UTF-8 text\n");
    }
}
