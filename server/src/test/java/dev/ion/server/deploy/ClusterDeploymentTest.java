package dev.ion.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.server.cli.ServeCommand;
import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster deployments — deploy/docker-compose.cluster.yml with its nginx balancer, and
 * the Helm chart's cluster settings — agree with each other and with the server: every node
 * is named in the member list by the address it advertises, the balancer reaches every node
 * without buffering streams, the headless Service exposes the ports the pods declare, and
 * every {@code ION_*} variable any deployment file sets is one {@code ion serve} reads.
 */
class ClusterDeploymentTest {
    private static final String COMPOSE = "deploy/docker-compose.cluster.yml";
    private static final String NGINX = "deploy/nginx/ion-cluster.conf";
    private static final String TEMPLATES = "deploy/helm/ion-server/templates/";
    private static final Pattern ION_VARIABLE = Pattern.compile("\\bION_[A-Z_]+\\b");

    /** The compose file with its anchors and merge keys resolved, as Compose reads it (Jackson does not resolve {@code <<}). */
    private static JsonNode compose() {
        Map<String, Object> tree = new Yaml().load(RepoFiles.text(COMPOSE));
        return RepoFiles.JSON.valueToTree(tree);
    }

    private static List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        compose().path("services").fieldNames().forEachRemaining(n -> {
            if (n.startsWith("ion-")) names.add(n);
        });
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void threeNodesEachNamedInTheMemberListByTheAddressItAdvertises() {
        JsonNode services = compose().path("services");
        List<String> nodes = nodeNames();
        assertThat(nodes).hasSize(3);
        for (String name : nodes) {
            JsonNode node = services.path(name);
            JsonNode env = node.path("environment");
            assertThat(env.path("ION_CLUSTER").asText()).as(name).isEqualTo("true");
            assertThat(env.path("ION_CLUSTER_HOST").asText()).as(name).isEqualTo(name);
            assertThat(node.path("hostname").asText()).as(name).isEqualTo(name);
            String port = env.path("ION_CLUSTER_PORT").asText();
            assertThat(port).as(name).matches("\\d+");
            List<String> members = List.of(env.path("ION_CLUSTER_MEMBERS").asText().split(","));
            assertThat(members).as(name).containsExactlyInAnyOrderElementsOf(nodes.stream().map(n -> n + ":" + port).toList());
            assertThat(node.path("image").asText()).isEqualTo("ion-server:local");
            assertThat(node.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
            assertThat(node.path("ports").isMissingNode()).as("%s is reached through the balancer only", name).isTrue();
        }
    }

    @Test
    void everyNodeIsLockedDownLikeTheSingleNodeStackAndDrainsBeforeDockerKillsIt() {
        JsonNode services = compose().path("services");
        for (String name : nodeNames()) {
            JsonNode node = services.path(name);
            assertThat(node.path("read_only").asBoolean()).as(name).isTrue();
            assertThat(strings(node.path("cap_drop"))).as(name).containsExactly("ALL");
            assertThat(strings(node.path("security_opt"))).as(name).contains("no-new-privileges:true");
            assertThat(String.join(" ", strings(node.path("healthcheck").path("test")))).contains("GET /health/live ");
            Duration drain = ServerConfig.duration(node.path("environment").path("ION_DRAIN_TIMEOUT").asText(), "drain");
            Duration grace = ServerConfig.duration(node.path("stop_grace_period").asText(), "grace");
            assertThat(grace).as(name).isGreaterThan(drain);
            assertThat(node.path("environment").path("ION_API_KEYS").asText()).contains("demo");
        }
        assertThat(RepoFiles.text(COMPOSE)).contains("DEMO KEY");
    }

    @Test
    void theBalancerReachesEveryNodeOnTheServersPortAndPassesStreamsThroughUnbuffered() {
        JsonNode lb = compose().path("services").path("lb");
        assertThat(strings(lb.path("ports"))).containsExactly("127.0.0.1:8080:8080");
        assertThat(strings(lb.path("volumes"))).containsExactly("./nginx/ion-cluster.conf:/etc/nginx/conf.d/default.conf:ro");
        assertThat(lb.path("depends_on").fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(nodeNames());
        assertThat(lb.path("read_only").asBoolean()).isTrue();
        assertThat(strings(lb.path("cap_drop"))).containsExactly("ALL");

        String conf = RepoFiles.text(NGINX);
        Set<String> upstream = new TreeSet<>();
        Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(conf).results().forEach(r -> upstream.add(r.group(1)));
        int port = new ServerConfig().port;
        assertThat(upstream).containsExactlyInAnyOrderElementsOf(nodeNames().stream().map(n -> n + ":" + port).toList());
        assertThat(conf).contains("listen 8080;", "proxy_http_version 1.1;", "proxy_buffering off;",
                "proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;");
        assertThat(conf).doesNotContain("non_idempotent").doesNotContain("ip_hash").doesNotContain("sticky");
    }

    @Test
    void theHelmChartsHeadlessServiceExposesThePortsThePodsDeclareAndTheDnsNameTheyLookUp() {
        JsonNode cluster = RepoFiles.yaml("deploy/helm/ion-server/values.yaml").path("cluster");
        assertThat(cluster.path("enabled").asBoolean(true)).as("cluster mode is opt-in").isFalse();
        assertThat(cluster.path("port").asInt()).isPositive();
        assertThat(cluster.path("busPort").asInt()).isPositive().isNotEqualTo(cluster.path("port").asInt());

        String service = RepoFiles.text(TEMPLATES + "cluster-service.yaml");
        assertThat(service).contains("{{- if .Values.cluster.enabled }}", "kind: Service", "clusterIP: None",
                "publishNotReadyAddresses: true", "name: {{ include \"ion-server.clusterService\" . }}",
                "selector:\n    {{- include \"ion-server.selectorLabels\" . | nindent 4 }}",
                "port: {{ .Values.cluster.port }}\n      targetPort: hazelcast",
                "port: {{ .Values.cluster.busPort }}\n      targetPort: event-bus");

        String deployment = RepoFiles.text(TEMPLATES + "deployment.yaml");
        assertThat(deployment).contains("- name: hazelcast\n              containerPort: {{ .Values.cluster.port }}",
                "- name: event-bus\n              containerPort: {{ .Values.cluster.busPort }}",
                "- name: ION_CLUSTER_KUBERNETES_DNS\n              value: {{ include \"ion-server.clusterDns\" . }}",
                "- name: ION_CLUSTER_HOST\n              valueFrom:\n                fieldRef:\n                  fieldPath: status.podIP");
        assertThat(RepoFiles.text(TEMPLATES + "_helpers.tpl"))
                .contains("define \"ion-server.clusterDns\"", "(include \"ion-server.clusterService\" .) .Release.Namespace");

        String policy = RepoFiles.text(TEMPLATES + "networkpolicy.yaml");
        assertThat(policy).contains("- port: {{ .Values.cluster.port }}", "- port: {{ .Values.cluster.busPort }}", "port: 53");
        assertThat(RepoFiles.text(TEMPLATES + "pdb.yaml")).contains("maxUnavailable: 1");
    }

    @Test
    void everyIonVariableADeploymentFileSetsIsOneTheServerReads() {
        String usage = new CommandLine(new ServeCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        Set<String> read = variables(usage);
        assertThat(read).contains("ION_PORT", "ION_API_KEYS");

        Set<String> unknown = new TreeSet<>();
        List<String> files = new ArrayList<>(List.of(COMPOSE, "deploy/docker-compose.yml", "docker/Dockerfile"));
        RepoFiles.list("k8s", ".yaml").forEach(f -> files.add("k8s/" + f.getFileName()));
        RepoFiles.list(TEMPLATES, ".yaml").forEach(f -> files.add(TEMPLATES + f.getFileName()));
        for (String file : files) {
            for (String name : variables(RepoFiles.text(file))) {
                if (!read.contains(name) && !name.equals("ION_JAVA_OPTS")) unknown.add(file + ": " + name);
            }
        }
        assertThat(variables(RepoFiles.text(COMPOSE))).contains("ION_CLUSTER", "ION_CLUSTER_MEMBERS", "ION_CLUSTER_HOST");
        assertThat(unknown).as("ION_* variables set by deployment files that `ion serve --help` does not name").isEmpty();
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = ION_VARIABLE.matcher(text);
        while (m.find()) names.add(m.group());
        return names;
    }

    @Test
    void theClusterDocsShowBothDeployments() {
        assertThat(RepoFiles.text("docs/CLUSTER.md")).contains(COMPOSE, "cluster.enabled=true");
    }
}
