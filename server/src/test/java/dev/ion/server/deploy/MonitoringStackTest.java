package dev.ion.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose stack (deploy/): the server's container is locked down and healthy by the
 * route the server serves, Prometheus scrapes the right place and loads the rules that
 * exist, Grafana's dashboard talks to the provisioned datasource, and every metric an alert
 * or a panel reads is in a real server's {@code /metrics}.
 */
class MonitoringStackTest {
    /** Series Prometheus makes itself for every target, not found in any /metrics. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    static ProbedServer server;
    static Set<String> exported;

    @BeforeAll
    static void start() throws Exception {
        server = new ProbedServer();
        server.exercise();
        exported = server.sampleNames();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static JsonNode compose() {
        return RepoFiles.yaml("deploy/docker-compose.yml");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The compose volume whose container side is {@code target}: its host side, relative to deploy/. */
    private static String hostDirMountedAt(JsonNode service, String target) {
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(target)) return parts[0];
        }
        throw new AssertionError("nothing is mounted at " + target + " in " + service);
    }

    @Test
    void everyYamlAndJsonFileOfDeployParses() throws IOException {
        Path deploy = RepoFiles.path("deploy");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(deploy)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !deploy.relativize(f).toString().replace('\\', '/').matches("helm/[^/]+/templates/.*"))
                    .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path f : files) {
            if (f.toString().endsWith(".json")) RepoFiles.json(RepoFiles.root().relativize(f).toString());
            else assertThat(RepoFiles.yamlDocuments(f)).as(f.toString()).isNotEmpty();
        }
    }

    @Test
    void theServerContainerIsUnprivilegedReadOnlyAndHealthCheckedOnTheLiveRoute() {
        JsonNode ion = compose().path("services").path("ion");
        assertThat(ion.path("build").path("context").asText()).isEqualTo("..");
        assertThat(ion.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(ion.path("read_only").asBoolean()).isTrue();
        assertThat(strings(ion.path("tmpfs"))).anyMatch(t -> t.equals("/tmp") || t.startsWith("/tmp:"));
        assertThat(strings(ion.path("cap_drop"))).containsExactly("ALL");
        assertThat(strings(ion.path("security_opt"))).contains("no-new-privileges:true");
        assertThat(strings(ion.path("ports"))).containsExactly("127.0.0.1:8080:" + new ServerConfig().port);

        String check = String.join(" ", strings(ion.path("healthcheck").path("test")));
        assertThat(check).contains("/dev/tcp/127.0.0.1/" + new ServerConfig().port, "GET /health/live ");
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);

        String key = ion.path("environment").path("ION_API_KEYS").asText();
        assertThat(key).as("a demo key marked as such").contains("demo").isNotBlank();
        assertThat(RepoFiles.text("deploy/docker-compose.yml")).contains("DEMO KEY");

        Duration drain = ServerConfig.duration(ion.path("environment").path("ION_DRAIN_TIMEOUT").asText(), "drain");
        Duration grace = ServerConfig.duration(ion.path("stop_grace_period").asText(), "grace");
        assertThat(grace).as("docker stop must wait longer than the drain").isGreaterThan(drain);
    }

    @Test
    void prometheusScrapesTheServersMetricsAndLoadsTheRuleFilesThatExist() {
        JsonNode services = compose().path("services");
        JsonNode prometheus = services.path("prometheus");
        assertThat(prometheus.path("image").asText()).startsWith("prom/prometheus:");
        assertThat(hostDirMountedAt(prometheus, "/etc/prometheus")).isEqualTo("./prometheus");
        assertThat(strings(prometheus.path("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");

        JsonNode config = RepoFiles.yaml("deploy/prometheus/prometheus.yml");
        List<String> rules = strings(config.path("rule_files"));
        assertThat(rules).isNotEmpty();
        for (String r : rules) {
            assertThat(r).startsWith("/etc/prometheus/");
            assertThat(Files.isRegularFile(RepoFiles.root().resolve("deploy/prometheus")
                    .resolve(r.substring("/etc/prometheus/".length())))).as(r).isTrue();
        }
        JsonNode jobs = config.path("scrape_configs");
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0);
        assertThat(job.path("job_name").asText()).isEqualTo("ion");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(server.get("/metrics").statusCode()).as("/metrics is served without a key").isEqualTo(200);
        List<String> targets = strings(job.path("static_configs").get(0).path("targets"));
        assertThat(targets).containsExactly("ion:" + new ServerConfig().port);
        assertThat(services.has("ion")).isTrue();
    }

    @Test
    void theAlertRulesCoverWhatOperatorsNeedAndAreComplete() {
        Map<String, JsonNode> alerts = alerts();
        assertThat(alerts.keySet()).contains("IonRunErrorRateHigh", "IonAdmissionQueueSaturated",
                "IonRunLatencyP99High", "IonEventLoopLagHigh", "IonJvmHeapHigh");
        alerts.forEach((name, rule) -> {
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            assertThat(rule.path("for").asText()).as(name).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
        });
    }

    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : RepoFiles.yaml("deploy/prometheus/alerts.yml").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText(rule.path("record").asText());
                assertThat(alerts.put(name, rule)).as("rule %s is defined twice", name).isNull();
            }
        }
        return alerts;
    }

    @Test
    void everyMetricAnAlertReadsIsExportedByTheServer() {
        Set<String> missing = new TreeSet<>();
        alerts().forEach((name, rule) -> missing.addAll(unknown(rule.path("expr").asText(), name)));
        assertThat(missing).as("metrics the alerts read that /metrics does not have").isEmpty();
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusOfTheStackAndTheDashboardDirectory() {
        JsonNode services = compose().path("services");
        JsonNode grafana = services.path("grafana");
        assertThat(hostDirMountedAt(grafana, "/etc/grafana/provisioning")).isEqualTo("./grafana/provisioning");
        JsonNode datasource = RepoFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
                .path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(strings(services.path("prometheus").path("ports"))).containsExactly("127.0.0.1:9090:9090");

        JsonNode provider = RepoFiles.yaml("deploy/grafana/provisioning/dashboards/ion.yml").path("providers").get(0);
        String dashboards = provider.path("options").path("path").asText();
        assertThat(hostDirMountedAt(grafana, dashboards)).isEqualTo("./grafana/dashboards");
        assertThat(RepoFiles.list("deploy/grafana/dashboards", ".json")).isNotEmpty();

        String uid = datasource.path("uid").asText();
        for (JsonNode panel : dashboard().path("panels")) {
            if (panel.path("type").asText().equals("row")) continue;
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            for (JsonNode t : panel.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
            }
        }
    }

    private static JsonNode dashboard() {
        return RepoFiles.json("deploy/grafana/dashboards/ion-server.json");
    }

    @Test
    void theDashboardHasThePanelsOperatorsAskFor() {
        List<String> titles = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
        }
        assertThat(titles).contains("Runs/s by status", "Run duration percentiles", "Active and queued runs",
                "Fuel used/s", "WebSocket connections", "Streamed events/s", "JVM heap", "GC");
    }

    @Test
    void everyMetricAPanelReadsIsExportedByTheServer() {
        Set<String> missing = new TreeSet<>();
        int exprs = 0;
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                exprs++;
                missing.addAll(unknown(t.path("expr").asText(), panel.path("title").asText()));
            }
        }
        assertThat(exprs).isGreaterThan(10);
        assertThat(missing).as("metrics the dashboard reads that /metrics does not have").isEmpty();
    }

    @Test
    void aMisspelledMetricIsCaught() {
        assertThat(unknown("sum(rate(ion_run_total[5m]))", "typo")).containsExactly("typo: ion_run_total");
        assertThat(unknown("sum(rate(ion_runs_total[5m]))", "right")).isEmpty();
    }

    private static List<String> unknown(String expr, String where) {
        Set<String> names = PromQl.metricNames(expr);
        assertThat(names).as("no metric found in %s: %s", where, expr).isNotEmpty();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!exported.contains(n) && !PROMETHEUS_SERIES.contains(n)) out.add(where + ": " + n);
        }
        return out;
    }
}
