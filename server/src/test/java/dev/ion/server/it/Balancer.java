package dev.ion.server.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real nginx running the Compose cluster's balancer configuration
 * ({@code deploy/nginx/ion-cluster.conf}) with only its addresses changed: the upstream
 * nodes become local server ports and it listens on a free loopback port. Skips the calling
 * test, saying why, where nginx is not installed ({@code .ci/run} installs it).
 */
final class Balancer {
    private static final Path CONF = Path.of("..", "deploy", "nginx", "ion-cluster.conf");
    private static final Pattern UPSTREAM_NODE = Pattern.compile("server ion-(\\d+):8080");

    private final Process process;
    private final int port;
    private final Path dir;

    private Balancer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static Balancer start(List<Integer> nodePorts) throws Exception {
        Path nginx = Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(nginx != null,
                "nginx is not installed: the cluster's balancer configuration is not exercised (.ci/run installs it)");

        Matcher m = UPSTREAM_NODE.matcher(Files.readString(CONF));
        StringBuilder conf = new StringBuilder();
        int nodes = 0;
        while (m.find()) {
            int node = Integer.parseInt(m.group(1));
            m.appendReplacement(conf, "server 127.0.0.1:" + nodePorts.get(node - 1));
            nodes++;
        }
        m.appendTail(conf);
        assertThat(nodes).as("upstream nodes in %s", CONF).isEqualTo(nodePorts.size());
        int port = FreePort.find();
        String site = conf.toString();
        assertThat(site).contains("listen 8080;");
        site = site.replace("listen 8080;", "listen 127.0.0.1:" + port + ";");

        Path dir = Files.createTempDirectory("ion-nginx");
        Files.writeString(dir.resolve("ion-cluster.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "master_process off;", // one process as the test's user: no user switch, nothing left behind
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";",
                "  include " + dir.resolve("ion-cluster.conf") + ";",
                "}", ""));
        Process p = new ProcessBuilder(nginx.toString(), "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Balancer lb = new Balancer(p, port, dir);
        lb.awaitListening();
        return lb;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            assertThat(process.isAlive()).as("nginx exited: %s", log()).isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new AssertionError("nginx did not listen on " + port + " within 60 s: " + log());
    }

    private String log() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    void stop() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
