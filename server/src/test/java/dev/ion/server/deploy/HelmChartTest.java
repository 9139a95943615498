package dev.ion.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart (deploy/helm/ion-server) without a cluster or the helm binary: values.yaml
 * is parsed, the templates are checked as text — every {@code .Values} path they read
 * exists, the probes, port and selectors are those of k8s/ — and the default values carry
 * the same settings as the plain manifests.
 */
class HelmChartTest {
    private static final String CHART = "deploy/helm/ion-server";
    private static final Pattern VALUES_REF = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*(\\S+)\\s*$");

    private static JsonNode values() {
        return RepoFiles.yaml(CHART + "/values.yaml");
    }

    private static Map<String, String> templates() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : RepoFiles.list(CHART + "/templates", ".yaml", ".tpl", ".txt")) {
            out.put(f.getFileName().toString(), RepoFiles.text(CHART + "/templates/" + f.getFileName()));
        }
        return out;
    }

    @Test
    void theChartIsAVersionTwoChartNamedAfterItsDirectory() {
        JsonNode chart = RepoFiles.yaml(CHART + "/Chart.yaml");
        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("name").asText()).isEqualTo(Path.of(CHART).getFileName().toString());
        assertThat(chart.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(chart.path("appVersion").asText()).isNotBlank();
        assertThat(templates()).containsKey("_helpers.tpl");
    }

    @Test
    void everyValueATemplateReadsIsDefinedInValuesYaml() {
        JsonNode values = values();
        Set<String> missing = new TreeSet<>();
        long refs = 0;
        for (var t : templates().entrySet()) {
            refs += VALUES_REF.matcher(t.getValue()).results().count();
            undefinedValues(t.getValue(), values).forEach(v -> missing.add(t.getKey() + ": " + v));
        }
        assertThat(refs).isGreaterThan(20);
        assertThat(missing).as("values the templates read that values.yaml does not define").isEmpty();
    }

    @Test
    void aMisspelledValueIsCaught() {
        assertThat(undefinedValues("{{ .Values.autoscaling.minReplica }} {{- toYaml .Values.config | nindent 4 }}", values()))
                .containsExactly(".Values.autoscaling.minReplica");
    }

    /** The {@code .Values} paths a template reads that {@code values} does not have. */
    private static Set<String> undefinedValues(String template, JsonNode values) {
        Set<String> missing = new TreeSet<>();
        Matcher m = VALUES_REF.matcher(template);
        while (m.find()) {
            JsonNode node = values;
            for (String key : m.group(1).substring(1).split("\\.")) node = node.path(key);
            if (node.isMissingNode()) missing.add(".Values" + m.group(1));
        }
        return missing;
    }

    @Test
    void theTemplatesRenderTheObjectsOfTheManifests() {
        Set<String> chartKinds = new TreeSet<>();
        templates().values().forEach(t -> KIND.matcher(t).results().forEach(r -> chartKinds.add(r.group(1))));
        Set<String> manifestKinds = new TreeSet<>();
        KubernetesManifestsTest.objects().keySet().forEach(k -> manifestKinds.add(k.substring(0, k.indexOf('/'))));
        assertThat(chartKinds).isEqualTo(manifestKinds);
    }

    @Test
    void probesPortAndSelectorsAreThoseOfTheManifestsAndTheServer() {
        Map<String, String> t = templates();
        String deployment = t.get("deployment.yaml");
        JsonNode c = KubernetesManifestsTest.container(only("Deployment"));
        Set<String> chartPaths = new TreeSet<>();
        Pattern.compile("(?m)^\\s*path:\\s*(\\S+)\\s*$").matcher(deployment).results().forEach(r -> chartPaths.add(r.group(1)));
        assertThat(chartPaths).containsExactlyInAnyOrder(
                c.path("livenessProbe").path("httpGet").path("path").asText(),
                c.path("readinessProbe").path("httpGet").path("path").asText());
        assertThat(deployment).contains("livenessProbe:\n            httpGet:\n              path: /health/live\n              port: http",
                "readinessProbe:\n            httpGet:\n              path: /health/ready\n              port: http",
                "- name: http\n              containerPort: {{ .Values.containerPort }}");

        JsonNode values = values();
        assertThat(values.path("containerPort").asInt()).isEqualTo(KubernetesManifestsTest.httpPort(c))
                .isEqualTo(new ServerConfig().port);
        assertThat(values.path("podAnnotations").path("prometheus.io/port").asInt()).isEqualTo(values.path("containerPort").asInt());

        String selector = "include \"ion-server.selectorLabels\"";
        assertThat(deployment).contains("matchLabels:\n      {{- " + selector, "labels:\n        {{- " + selector);
        assertThat(t.get("service.yaml")).contains("selector:\n    {{- " + selector);
        assertThat(t.get("pdb.yaml")).contains("matchLabels:\n      {{- " + selector);
        assertThat(t.get("networkpolicy.yaml")).contains("podSelector:\n    matchLabels:\n      {{- " + selector);
        assertThat(t.get("service.yaml")).contains("targetPort: http");
        assertThat(t.get("networkpolicy.yaml")).contains("- port: {{ .Values.containerPort }}", "egress: []");
        String fullname = "name: {{ include \"ion-server.fullname\" . }}";
        assertThat(deployment).contains("metadata:\n  " + fullname);
        assertThat(t.get("hpa.yaml")).contains("kind: Deployment\n    " + fullname);
        assertThat(t.get("_helpers.tpl")).contains("define \"ion-server.selectorLabels\"", "define \"ion-server.fullname\"");
    }

    private static JsonNode only(String kind) {
        return KubernetesManifestsTest.only(KubernetesManifestsTest.objects(), kind);
    }

    @Test
    void theDefaultValuesCarryTheManifestsSettings() throws IOException {
        JsonNode values = values();
        JsonNode deployment = only("Deployment");
        JsonNode c = KubernetesManifestsTest.container(deployment);
        assertThat(values.path("resources")).isEqualTo(c.path("resources"));
        JsonNode hpa = only("HorizontalPodAutoscaler").path("spec");
        assertThat(values.path("autoscaling").path("minReplicas")).isEqualTo(hpa.path("minReplicas"));
        assertThat(values.path("autoscaling").path("maxReplicas")).isEqualTo(hpa.path("maxReplicas"));
        assertThat(values.path("podDisruptionBudget").path("minAvailable"))
                .isEqualTo(only("PodDisruptionBudget").path("spec").path("minAvailable"));
        assertThat(values.path("config")).isEqualTo(RepoFiles.yamlText(KubernetesManifestsTest.configMapFile()));
        assertThat(values.path("drainTimeout").asText()).isEqualTo(KubernetesManifestsTest.env(c, "ION_DRAIN_TIMEOUT"));
        assertThat(values.path("terminationGracePeriodSeconds"))
                .isEqualTo(deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds"));
        assertThat(values.path("preStopSleepSeconds").asLong()).isEqualTo(KubernetesManifestsTest.preStopSleepSeconds(c));
    }

    @Test
    void theGracePeriodCoversThePreStopPauseAndTheDrain() {
        JsonNode values = values();
        Duration drain = ServerConfig.duration(values.path("drainTimeout").asText(), "drainTimeout");
        assertThat(Duration.ofSeconds(values.path("terminationGracePeriodSeconds").asLong()))
                .isGreaterThan(drain.plusSeconds(values.path("preStopSleepSeconds").asLong()));
    }

    @Test
    void theConfigValueIsAValidServerConfigWithoutKeys() throws IOException {
        JsonNode config = values().path("config");
        assertThat(config.has("apiKeys")).as("keys belong in the Secret").isFalse();
        Path file = Files.createTempFile("ion", ".yaml");
        try {
            Files.writeString(file, RepoFiles.YAML.writeValueAsString(config));
            ServerConfig.load(file).validate();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
