package dev.ion.server.cli;

import dev.ion.server.http.ServerConfig;
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
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0 without API keys").contains("ION_API_KEYS");
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
}
