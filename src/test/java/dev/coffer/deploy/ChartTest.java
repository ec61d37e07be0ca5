package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.coffer.deploy.CofferChart.one;
import static dev.coffer.deploy.CofferChart.ofKind;
import static dev.coffer.deploy.CofferChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code helm lint} and {@code helm template} of the chart, with its defaults and with every documented toggle. */
class ChartTest {

    /** One render per documented toggle; {@link ManifestSchemaTest} validates each of them too. */
    static Stream<Arguments> toggles() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("no CRDs", Map.of("crds.install", false)),
                Arguments.of("CRDs removed on uninstall", Map.of("crds.keep", false)),
                Arguments.of("three replicas", Map.of("replicaCount", 3)),
                Arguments.of("leader election forced on", Map.of("leaderElection.enabled", true)),
                Arguments.of("leader election forced off", Map.of("replicaCount", 2, "leaderElection.enabled", false)),
                Arguments.of("sealed secrets off", Map.of("sealedSecrets.enabled", false)),
                Arguments.of("kubeseal service renamed", Map.of("sealedSecrets.service.name", "kubeseal")),
                Arguments.of("refresh defaults", Map.of("externalSecrets.maxReconciliationInterval", "2h",
                        "externalSecrets.storeRevalidationInterval", "10m")),
                Arguments.of("controller class", Map.of("externalSecrets.controllerClass", "coffer")),
                Arguments.of("external secrets off", Map.of("externalSecrets.enabled", false, "sealedSecrets.enabled", true)),
                Arguments.of("namespace-scoped", Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b", "sealedSecrets.enabled", true)),
                Arguments.of("json logs", Map.of("logging.format", "json", "logging.level", "DEBUG")),
                Arguments.of("concurrency and client limits", Map.of("concurrentReconciliationThreads", 20,
                        "kubernetesClient.maxConcurrentRequests", 100, "kubernetesClient.maxConcurrentRequestsPerHost", 50)),
                Arguments.of("scheduling", Map.of("nodeSelector.kubernetes\\.io/os", "linux", "tolerations[0].key", "dedicated",
                        "tolerations[0].operator", "Exists", "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight", 1,
                        "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey", "kubernetes.io/hostname")),
                Arguments.of("extra env", Map.of("extraEnv[0].name", "HTTPS_PROXY", "extraEnv[0].value", "http://proxy:3128")),
                Arguments.of("service monitor", Map.of("metrics.serviceMonitor.enabled", true)),
                Arguments.of("no metrics service, no PDB", Map.of("metrics.service.enabled", false, "podDisruptionBudget.enabled", false)),
                Arguments.of("existing service account, no RBAC", Map.of("serviceAccount.create", false, "serviceAccount.name", "mine",
                        "rbac.create", false)),
                Arguments.of("pod injection", Map.of("inject.enabled", true, "inject.failurePolicy", "Ignore",
                        "inject.namespaceSelector.matchLabels.team", "a", "inject.objectSelector.matchLabels.inject", "yes")),
                Arguments.of("pod injection with cert-manager", Map.of("inject.enabled", true, "inject.certManager.enabled", true)),
                Arguments.of("IRSA annotation", Map.of("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::1:role/coffer")));
    }

    @Test
    void lintIsClean() {
        LintResult result = new Helm(CofferChart.CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("helm lint messages").allMatch(m -> m.contains("[INFO]") || m.isBlank()
                || m.startsWith("==>") || m.contains("linted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toggles")
    void rendersWithEveryToggle(String name, Map<String, Object> sets) {
        List<ObjectNode> docs = render(sets);
        ObjectNode deployment = one(docs, "Deployment");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo(CofferChart.NAMESPACE);
        assertThat(docs).allSatisfy(d -> assertThat(d.has("apiVersion") && d.has("kind")).isTrue());
    }

    @Test
    void defaultsAreHardened() {
        List<ObjectNode> docs = render(Map.of());
        JsonNode pod = one(docs, "Deployment").at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(container.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        long committedCrds;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("crds"))) {
            committedCrds = files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ofKind(docs, "CustomResourceDefinition")).as("every CRD in crds/").hasSize((int) committedCrds)
                .allSatisfy(crd -> assertThat(crd.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep"));
        assertThat(ofKind(docs, "ServiceMonitor")).isEmpty();
        assertThat(ofKind(docs, "Lease")).isEmpty();
        assertThat(config(docs)).contains("coffer.leader-election.enabled=false", "quarkus.log.console.json.enabled=false");
        assertThat(one(docs, "Deployment").at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(one(docs, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void jvmOptionsAndMallocArenasReachTheContainer() {
        JsonNode env = one(render(Map.of()), "Deployment").at("/spec/template/spec/containers/0/env");
        assertThat(envValue(env, "JDK_JAVA_OPTIONS")).contains("-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=30");
        assertThat(envValue(env, "MALLOC_ARENA_MAX")).isEqualTo("2");
        JsonNode plain = one(render(Map.of("jvmOptions", "", "mallocArenaMax", "null")), "Deployment")
                .at("/spec/template/spec/containers/0/env");
        assertThat(envValue(plain, "JDK_JAVA_OPTIONS")).isNull();
        assertThat(envValue(plain, "MALLOC_ARENA_MAX")).isNull();
    }

    private static String envValue(JsonNode env, String name) {
        for (JsonNode var : env) {
            if (var.path("name").asText().equals(name)) {
                return var.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void leaderElectionIsOnWithMoreThanOneReplica() {
        List<ObjectNode> docs = render(Map.of("replicaCount", 2));
        assertThat(config(docs)).contains("coffer.leader-election.enabled=true",
                "coffer.leader-election.lease-namespace=coffer-system");
        assertThat(one(docs, "Deployment").at("/spec/strategy/type").isMissingNode()).isTrue();
        assertThat(one(docs, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
        ObjectNode self = ofKind(docs, "Role").stream().filter(r -> r.at("/metadata/name").asText().endsWith("-self"))
                .findFirst().orElseThrow();
        assertThat(self.at("/rules/0/resources/0").asText()).isEqualTo("leases");
    }

    @Test
    void kubesealServiceHasTheConfiguredNameAndAnHttpPort() {
        List<ObjectNode> docs = render(Map.of());
        ObjectNode svc = ofKind(docs, "Service").stream()
                .filter(s -> s.at("/metadata/name").asText().equals("sealed-secrets-controller")).findFirst().orElseThrow();
        assertThat(svc.at("/spec/ports/0/name").asText()).isEqualTo("http");
        assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        assertThat(ofKind(render(Map.of("sealedSecrets.enabled", false)), "Service")).extracting(s -> s.at("/metadata/name").asText())
                .doesNotContain("sealed-secrets-controller");
    }

    @Test
    void namespaceScopedModeUsesRolesForNamespacedResources() {
        List<ObjectNode> docs = render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
        assertThat(ofKind(docs, "Role")).extracting(r -> r.at("/metadata/namespace").asText()).contains("team-a", "team-b");
        ObjectNode clusterRole = one(docs, "ClusterRole");
        assertThat(clusterRole.at("/rules").toString()).contains("\"clustersecretstores\"", "\"namespaces\"");
        assertThat(clusterRole.at("/rules").toString()).doesNotContain("\"secrets\"", "\"externalsecrets\"");
        assertThat(config(docs)).contains("quarkus.operator-sdk.namespaces=team-a,team-b");
    }

    @Test
    void jsonLogsAndSettingsReachTheApplicationConfig() {
        String config = config(render(Map.of("logging.format", "json", "concurrentReconciliationThreads", 7,
                "shutdownTimeoutSeconds", 25, "terminationGracePeriodSeconds", 40,
                "externalSecrets.storeRevalidationInterval", "10m")));
        assertThat(config).contains("quarkus.log.console.json.enabled=true",
                "quarkus.operator-sdk.concurrent-reconciliation-threads=7", "quarkus.operator-sdk.termination-timeout=25s",
                "quarkus.shutdown.timeout=25s", "coffer.store.revalidation-interval=10m");
    }

    @Test
    void controllerClassReachesTheApplicationConfigOnlyWhenSet() {
        assertThat(config(render(Map.of("externalSecrets.controllerClass", "coffer")))).contains("coffer.controller-class=coffer");
        assertThat(config(render(Map.of()))).doesNotContain("coffer.controller-class");
        assertThatThrownBy(() -> render(Map.of("externalSecrets.controllerClass", "two words"))).hasMessageContaining("controllerClass");
    }

    @Test
    void schemaRejectsWrongTypesAndUnknownSettings() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", "two"))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(Map.of("leaderElection.enabled", "yes please"))).hasMessageContaining("enabled");
        assertThatThrownBy(() -> render(Map.of("logging.format", "xml"))).hasMessageContaining("format");
        assertThatThrownBy(() -> render(Map.of("watchNamespaces", "team-a"))).hasMessageContaining("watchNamespaces");
        assertThatThrownBy(() -> render(Map.of("replicas", 2))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(Map.of("shutdownTimeoutSeconds", 30))).hasMessageContaining("terminationGracePeriodSeconds");
    }

    private static String config(List<ObjectNode> docs) {
        return one(docs, "ConfigMap").at("/data/application.properties").asText();
    }
}
