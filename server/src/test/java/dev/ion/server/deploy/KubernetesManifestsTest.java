package dev.ion.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The manifests of k8s/ agree with each other (ports, probe paths, labels and selectors,
 * volume and secret names, the drain timeout against the grace period) and with the
 * server: its default port, the health routes a real server answers with the ConfigMap's
 * own ion.yaml, and the image's exposed port once docker/ is there.
 */
class KubernetesManifestsTest {
    /** Every object of k8s/ by "Kind/name". */
    static Map<String, JsonNode> objects() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Path f : RepoFiles.list("k8s", ".yaml", ".yml")) {
            for (JsonNode doc : RepoFiles.yamlDocuments(f)) {
                String kind = doc.path("kind").asText();
                assertThat(kind).as(f + " has a kind").isNotBlank();
                if (kind.equals("Kustomization")) continue;
                assertThat(doc.path("apiVersion").asText()).as(f + " has an apiVersion").isNotBlank();
                String key = kind + "/" + doc.path("metadata").path("name").asText();
                assertThat(out.put(key, doc)).as(key + " is defined once").isNull();
            }
        }
        return out;
    }

    static JsonNode only(Map<String, JsonNode> objects, String kind) {
        List<JsonNode> found = objects.entrySet().stream().filter(e -> e.getKey().startsWith(kind + "/"))
                .map(Map.Entry::getValue).toList();
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name)) return e.path("value").asText();
        throw new AssertionError("no env " + name);
    }

    /** A container port by name or number, as a number. */
    static int port(JsonNode container, JsonNode ref) {
        return ref.isInt() ? ref.asInt() : namedPort(container, ref.asText());
    }

    static int namedPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) return p.path("containerPort").asInt();
        }
        throw new AssertionError("no container port named " + name);
    }

    static int httpPort(JsonNode container) {
        return namedPort(container, "http");
    }

    @Test
    void theKustomizationListsEveryManifestButTheSecretExample() throws IOException {
        JsonNode k = RepoFiles.yaml("k8s/kustomization.yaml");
        List<String> resources = new ArrayList<>();
        k.path("resources").forEach(r -> resources.add(r.asText()));
        List<String> files = new ArrayList<>();
        for (Path f : RepoFiles.list("k8s", ".yaml", ".yml")) {
            String n = f.getFileName().toString();
            if (!n.equals("kustomization.yaml") && !n.equals("secret-example.yaml")) files.add(n);
        }
        assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
        assertThat(Files.readString(RepoFiles.path("k8s/secret-example.yaml"))).contains("EXAMPLE ONLY");
    }

    @Test
    void theContainerListensOnTheServersPortAndIsProbedOnTheRoutesTheServerServes() throws IOException {
        JsonNode c = container(only(objects(), "Deployment"));
        assertThat(httpPort(c)).as("the image listens on the server's default port").isEqualTo(new ServerConfig().port);
        JsonNode liveness = c.path("livenessProbe").path("httpGet");
        JsonNode readiness = c.path("readinessProbe").path("httpGet");
        JsonNode startup = c.path("startupProbe").path("httpGet");
        assertThat(liveness.path("path").asText()).isEqualTo("/health/live");
        assertThat(startup.path("path").asText()).isEqualTo("/health/live");
        assertThat(readiness.path("path").asText()).isEqualTo("/health/ready");
        for (JsonNode probe : List.of(liveness, readiness, startup)) {
            assertThat(port(c, probe.path("port"))).isEqualTo(httpPort(c));
        }

        // the real server, configured with the ConfigMap's ion.yaml, answers the probes
        Path file = Files.createTempFile("ion", ".yaml");
        try {
            Files.writeString(file, configMapFile());
            ServerConfig config = ServerConfig.load(file);
            config.validate();
            try (ProbedServer s = new ProbedServer(config)) {
                assertThat(s.get(liveness.path("path").asText()).statusCode()).isEqualTo(200);
                assertThat(s.get(readiness.path("path").asText()).statusCode()).isEqualTo(200);
                assertThat(s.get("/health/nothing").statusCode()).isEqualTo(404);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The ion.yaml that ION_CONFIG names: a key of the ConfigMap mounted where ION_CONFIG points. */
    static String configMapFile() {
        Map<String, JsonNode> o = objects();
        JsonNode deployment = only(o, "Deployment");
        JsonNode c = container(deployment);
        Path configPath = Path.of(env(c, "ION_CONFIG"));
        JsonNode volume = volumeMountedAbove(deployment, c, configPath);
        String mapName = volume.path("configMap").path("name").asText();
        JsonNode map = o.get("ConfigMap/" + mapName);
        assertThat(map).as("ConfigMap " + mapName).isNotNull();
        JsonNode file = map.path("data").path(configPath.getFileName().toString());
        assertThat(file.isTextual()).as("ConfigMap " + mapName + " has " + configPath.getFileName()).isTrue();
        return file.asText();
    }

    /** The pod volume whose mount is the parent directory of {@code file}. */
    static JsonNode volumeMountedAbove(JsonNode deployment, JsonNode container, Path file) {
        String name = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (Path.of(m.path("mountPath").asText()).equals(file.getParent())) name = m.path("name").asText();
        }
        assertThat(name).as("a volume mounted at " + file.getParent()).isNotNull();
        for (JsonNode v : deployment.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(name)) return v;
        }
        throw new AssertionError("no volume " + name);
    }

    @Test
    void theApiKeysFileComesFromTheSecret() {
        Map<String, JsonNode> o = objects();
        JsonNode deployment = only(o, "Deployment");
        JsonNode c = container(deployment);
        Path keys = Path.of(env(c, "ION_API_KEYS_FILE"));
        JsonNode volume = volumeMountedAbove(deployment, c, keys);
        String secretName = volume.path("secret").path("secretName").asText();
        JsonNode secret = only(o, "Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo(secretName);
        assertThat(secret.path("stringData").path(keys.getFileName().toString()).asText()).isNotBlank();
    }

    @Test
    void thePodRunsUnprivilegedWithAReadOnlyRootAndAWritableTmp() {
        JsonNode deployment = only(objects(), "Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode c = container(deployment);
        JsonNode sc = c.path("securityContext");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(sc.path("capabilities").has("add")).isFalse();
        assertThat(sc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").isBoolean()).isTrue();
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();

        JsonNode tmp = volumeMountedAbove(deployment, c, Path.of("/tmp/x"));
        assertThat(tmp.has("emptyDir")).isTrue();
        for (String kind : List.of("requests", "limits")) {
            assertThat(c.path("resources").path(kind).path("cpu").asText()).as(kind).isNotBlank();
            assertThat(c.path("resources").path(kind).path("memory").asText()).as(kind).isNotBlank();
        }
    }

    @Test
    void theGracePeriodCoversThePreStopPauseAndTheDrain() {
        JsonNode deployment = only(objects(), "Deployment");
        JsonNode c = container(deployment);
        Duration drain = ServerConfig.duration(env(c, "ION_DRAIN_TIMEOUT"), "ION_DRAIN_TIMEOUT");
        long preStop = preStopSleepSeconds(c);
        long grace = deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong();
        assertThat(preStop).as("preStop sleep lets the endpoints drop the pod").isPositive();
        assertThat(Duration.ofSeconds(grace)).isGreaterThan(drain.plusSeconds(preStop));
    }

    static long preStopSleepSeconds(JsonNode container) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        if (preStop.has("sleep")) return preStop.path("sleep").path("seconds").asLong();
        String command = preStop.path("exec").path("command").toString();
        Matcher m = Pattern.compile("\\[\"sleep\",\"(\\d+)\"]").matcher(command);
        assertThat(m.matches()).as("preStop is a sleep: " + command).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void everySelectorPicksTheServersPods() {
        Map<String, JsonNode> o = objects();
        JsonNode deployment = only(o, "Deployment");
        JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(selector.size()).isPositive();
        selector.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));

        assertThat(only(o, "Service").path("spec").path("selector")).isEqualTo(selector);
        assertThat(only(o, "PodDisruptionBudget").path("spec").path("selector").path("matchLabels")).isEqualTo(selector);
        assertThat(only(o, "NetworkPolicy").path("spec").path("podSelector").path("matchLabels")).isEqualTo(selector);
    }

    @Test
    void theServiceHpaPdbAndNetworkPolicyPointAtTheDeploymentAndItsPort() {
        Map<String, JsonNode> o = objects();
        JsonNode deployment = only(o, "Deployment");
        JsonNode c = container(deployment);
        String name = deployment.path("metadata").path("name").asText();

        JsonNode servicePort = only(o, "Service").path("spec").path("ports").get(0);
        assertThat(port(c, servicePort.path("targetPort"))).isEqualTo(httpPort(c));

        JsonNode hpa = only(o, "HorizontalPodAutoscaler").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo(name);
        int min = hpa.path("minReplicas").asInt();
        assertThat(hpa.path("maxReplicas").asInt()).isGreaterThanOrEqualTo(min);

        JsonNode pdb = only(o, "PodDisruptionBudget").path("spec");
        assertThat(pdb.path("minAvailable").asInt()).as("a node drain can still evict a pod").isLessThan(min);

        JsonNode policy = only(o, "NetworkPolicy").path("spec");
        List<String> types = new ArrayList<>();
        policy.path("policyTypes").forEach(t -> types.add(t.asText()));
        assertThat(types).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.path("egress").isArray()).isTrue();
        assertThat(policy.path("egress")).as("all egress denied").isEmpty();
        JsonNode ingressPort = policy.path("ingress").get(0).path("ports").get(0).path("port");
        assertThat(port(c, ingressPort)).isEqualTo(httpPort(c));

        JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(httpPort(c));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(deployment.path("spec").path("template").path("spec").path("serviceAccountName").asText())
                .isEqualTo(only(o, "ServiceAccount").path("metadata").path("name").asText());
    }

    @Test
    void theImageExposesThePortTheManifestsUse() throws IOException {
        Path dockerfile = RepoFiles.root().resolve("docker/Dockerfile");
        assumeTrue(Files.isRegularFile(dockerfile), "docker/Dockerfile is not in this checkout");
        String text = Files.readString(dockerfile);
        int port = httpPort(container(only(objects(), "Deployment")));
        assertThat(text).containsPattern("(?m)^EXPOSE\\s+" + port + "\\b");
        assertThat(text).containsPattern("ION_PORT=" + port + "\\b");
        assertThat(text).containsPattern("(?m)^USER\\s+10001\\b");
    }
}
