package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered manifest (defaults and every toggle), {@code deploy/coffer.yaml} and every file
 * in {@code examples/} is valid: custom resources against the CRD schemas in {@code crds/}
 * (unknown fields and wrong types fail, see {@link CrdSchemas}), built-in kinds structurally.
 */
class ManifestSchemaTest {

    static final CrdSchemas CRDS = CrdSchemas.load(Path.of("crds"));

    /** The built-in kinds Coffer's manifests use, with the fields each must have. */
    static final Map<String, List<String>> BUILT_IN = Map.ofEntries(
            Map.entry("v1/Namespace", List.of()),
            Map.entry("v1/ServiceAccount", List.of()),
            Map.entry("v1/Secret", List.of()),
            Map.entry("v1/ConfigMap", List.of("/data")),
            Map.entry("v1/Service", List.of("/spec/selector", "/spec/ports/0/port", "/spec/ports/0/name")),
            Map.entry("apps/v1/Deployment", List.of("/spec/selector/matchLabels", "/spec/template/metadata/labels",
                    "/spec/template/spec/containers/0/image", "/spec/template/spec/serviceAccountName")),
            Map.entry("policy/v1/PodDisruptionBudget", List.of("/spec/selector/matchLabels")),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", List.of("/rules/0/verbs/0")),
            Map.entry("rbac.authorization.k8s.io/v1/Role", List.of("/rules/0/verbs/0", "/metadata/namespace")),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", List.of("/roleRef/name", "/subjects/0/name")),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", List.of("/roleRef/name", "/subjects/0/name", "/metadata/namespace")),
            Map.entry("admissionregistration.k8s.io/v1/MutatingWebhookConfiguration", List.of("/webhooks/0/name",
                    "/webhooks/0/clientConfig/service/path", "/webhooks/0/admissionReviewVersions/0", "/webhooks/0/sideEffects")),
            Map.entry("cert-manager.io/v1/Certificate", List.of("/spec/secretName", "/spec/issuerRef/name", "/spec/dnsNames/0")),
            Map.entry("cert-manager.io/v1/Issuer", List.of("/spec")),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", List.of("/spec/selector/matchLabels", "/spec/endpoints/0/port")),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", List.of("/spec/group", "/spec/versions/0/schema/openAPIV3Schema")));

    static Stream<String> toggles() {
        return ChartTest.toggles().map(a -> (String) a.get()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toggles")
    void everyRenderedManifestIsValid(String toggle) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sets = (Map<String, Object>) ChartTest.toggles().filter(a -> a.get()[0].equals(toggle))
                .findFirst().orElseThrow().get()[1];
        CofferChart.render(sets).forEach(ManifestSchemaTest::assertValid);
    }

    @Test
    void deployManifestsAreValid() throws IOException {
        CofferChart.parse(Files.readString(DeployDriftTest.DEPLOY)).forEach(ManifestSchemaTest::assertValid);
    }

    @Test
    void everyExampleIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        int customResources = 0;
        for (Path f : files) {
            for (ObjectNode doc : CofferChart.parse(Files.readString(f))) {
                assertValid(doc);
                customResources += CRDS.knows(doc) ? 1 : 0;
            }
        }
        assertThat(customResources).as("custom resources among the examples").isGreaterThan(5);
    }

    @Test
    void unknownFieldsAndWrongTypesFail() {
        ObjectNode good = CofferChart.parse("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app, namespace: demo}
                spec:
                  refreshInterval: 1h
                  secretStoreRef: {name: fake, kind: SecretStore}
                  target: {name: app, creationPolicy: Owner}
                  data:
                  - secretKey: username
                    remoteRef: {key: db-user}
                """).get(0);
        assertThat(CRDS.validate(good)).isEmpty();

        assertRejected(good, "misspelt field", es -> spec(es).put("refreshIntervall", "5m"));
        assertRejected(good, "unknown nested field", es -> ((ObjectNode) es.at("/spec/data/0/remoteRef")).put("propertie", "x"));
        assertRejected(good, "number for a string", es -> spec(es).put("refreshInterval", 5));
        assertRejected(good, "value outside the enum", es -> ((ObjectNode) es.at("/spec/target")).put("creationPolicy", "Sometimes"));
        assertRejected(good, "string for a list", es -> spec(es).put("data", "username"));
    }

    private static ObjectNode spec(ObjectNode es) {
        return (ObjectNode) es.path("spec");
    }

    private static void assertRejected(ObjectNode good, String what, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode bad = good.deepCopy();
        change.accept(bad);
        assertThat(CRDS.validate(bad)).as(what).isNotEmpty();
    }

    static void assertValid(ObjectNode doc) {
        String what = doc.path("kind").asText() + " " + doc.at("/metadata/name").asText();
        assertThat(doc.at("/metadata/name").asText()).as("%s: metadata.name", what).isNotBlank();
        if (CRDS.knows(doc)) {
            Set<?> errors = CRDS.validate(doc);
            assertThat(errors).as("%s against its CRD", what).isEmpty();
            return;
        }
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        assertThat(BUILT_IN).as("%s: a kind these tests know (%s)", what, key).containsKey(key);
        List<String> missing = new ArrayList<>();
        for (String pointer : BUILT_IN.get(key)) {
            JsonNode n = doc.at(pointer);
            if (n.isMissingNode() || n.isNull() || (n.isContainerNode() && n.isEmpty())) {
                missing.add(pointer);
            }
        }
        assertThat(missing).as("%s: required fields", what).isEmpty();
    }
}
