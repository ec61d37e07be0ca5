package dev.coffer.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.coffer.deploy.CofferChart.ofKind;
import static dev.coffer.deploy.CofferChart.one;
import static dev.coffer.deploy.CofferChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart's {@code inject.*} values: the webhook's Service, configuration, certificate and RBAC. */
class InjectChartTest {

    static final Map<String, Object> ON = Map.of("inject.enabled", true);

    static String config(List<ObjectNode> docs) {
        return one(docs, "ConfigMap").at("/data/application.properties").asText();
    }

    @Test
    void offByDefaultWithNothingRendered() {
        List<ObjectNode> docs = render(Map.of());
        assertThat(ofKind(docs, "MutatingWebhookConfiguration")).isEmpty();
        assertThat(config(docs)).doesNotContain("coffer.inject");
        assertThat(docs).extracting(d -> d.at("/metadata/name").asText()).noneMatch(n -> n.endsWith("-inject"));
        assertThat(one(docs, "Deployment").at("/spec/template/spec/containers/0/ports").toString()).doesNotContain("webhook");
    }

    @Test
    void theWebhookNeverSeesTheReleaseNamespaceOrKubeSystem() {
        List<ObjectNode> docs = render(Map.of("inject.enabled", true, "inject.failurePolicy", "Ignore",
                "inject.namespaceSelector.matchLabels.team", "a",
                "inject.namespaceSelector.matchExpressions[0].key", "env",
                "inject.namespaceSelector.matchExpressions[0].operator", "In",
                "inject.namespaceSelector.matchExpressions[0].values[0]", "prod",
                "inject.objectSelector.matchLabels.inject", "yes"));
        ObjectNode hook = (ObjectNode) one(docs, "MutatingWebhookConfiguration").at("/webhooks/0");
        assertThat(hook.at("/failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(hook.at("/clientConfig/service/namespace").asText()).isEqualTo(CofferChart.NAMESPACE);
        assertThat(hook.at("/clientConfig/service/path").asText()).isEqualTo("/mutate-pods");
        assertThat(hook.at("/namespaceSelector/matchLabels/team").asText()).isEqualTo("a");
        assertThat(hook.at("/namespaceSelector/matchExpressions/0/operator").asText()).isEqualTo("NotIn");
        assertThat(hook.at("/namespaceSelector/matchExpressions/0/values").toString())
                .isEqualTo("[\"" + CofferChart.NAMESPACE + "\",\"kube-system\"]");
        assertThat(hook.at("/namespaceSelector/matchExpressions/1/key").asText()).isEqualTo("env");
        assertThat(hook.at("/objectSelector/matchLabels/inject").asText()).isEqualTo("yes");
        assertThat(hook.at("/rules/0/operations").toString()).isEqualTo("[\"CREATE\"]");
        assertThat(config(docs)).contains("coffer.inject.enabled=true", "coffer.inject.failure-policy=Ignore",
                "coffer.inject.cert.managed=true", "coffer.inject.webhook-configuration=" + one(docs, "MutatingWebhookConfiguration").at("/metadata/name").asText());
    }

    @Test
    void theServiceReachesTheWebhookPortOfTheOperator() {
        List<ObjectNode> docs = render(ON);
        ObjectNode svc = ofKind(docs, "Service").stream().filter(s -> s.at("/metadata/name").asText().equals("coffer-webhook"))
                .findFirst().orElseThrow();
        assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("webhook");
        assertThat(one(docs, "Deployment").at("/spec/template/spec/containers/0/ports").toString())
                .contains("\"name\":\"webhook\",\"containerPort\":9443");
    }

    @Test
    void rbacGrantsTheCertificateSecretAndOnlyItsOwnWebhookConfiguration() {
        List<ObjectNode> docs = render(ON);
        ObjectNode role = ofKind(docs, "Role").stream().filter(r -> r.at("/metadata/name").asText().endsWith("-inject"))
                .findFirst().orElseThrow();
        assertThat(role.at("/rules").toString()).contains("\"resourceNames\":[\"coffer-webhook-cert\"]", "\"create\"");
        ObjectNode clusterRole = ofKind(docs, "ClusterRole").stream().filter(r -> r.at("/metadata/name").asText().endsWith("-inject"))
                .findFirst().orElseThrow();
        assertThat(clusterRole.at("/rules/0/resourceNames/0").asText())
                .isEqualTo(one(docs, "MutatingWebhookConfiguration").at("/metadata/name").asText());
        assertThat(clusterRole.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"patch\"]");
    }

    @Test
    void theRenderEndpointMayReviewTokensAndReadPodsAndStoresOnlyWhenInjectionIsOn() {
        for (Map<String, Object> values : List.of(ON, Map.<String, Object>of("inject.enabled", true, "inject.certManager.enabled", true))) {
            List<ObjectNode> docs = render(values);
            ObjectNode role = ofKind(docs, "ClusterRole").stream()
                    .filter(r -> r.at("/metadata/name").asText().endsWith("-inject-render")).findFirst().orElseThrow();
            assertThat(role.at("/rules").toString()).isEqualTo("[{\"apiGroups\":[\"authentication.k8s.io\"],"
                    + "\"resources\":[\"tokenreviews\"],\"verbs\":[\"create\"]},"
                    + "{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]},"
                    + "{\"apiGroups\":[\"external-secrets.io\"],\"resources\":[\"secretstores\",\"clustersecretstores\"],"
                    + "\"verbs\":[\"get\"]}]");
            assertThat(ofKind(docs, "ClusterRoleBinding")).extracting(b -> b.at("/roleRef/name").asText())
                    .contains(role.at("/metadata/name").asText());
        }
        assertThat(ofKind(render(Map.of()), "ClusterRole")).extracting(r -> r.at("/metadata/name").asText())
                .noneMatch(n -> n.endsWith("-inject-render"));
    }

    @Test
    void withCertManagerTheCertificateMakesTheSecretAndCofferOnlyReadsIt() {
        List<ObjectNode> docs = render(Map.of("inject.enabled", true, "inject.certManager.enabled", true));
        ObjectNode cert = one(docs, "Certificate");
        assertThat(cert.at("/spec/secretName").asText()).isEqualTo("coffer-webhook-cert");
        assertThat(cert.at("/spec/dnsNames/0").asText()).isEqualTo("coffer-webhook." + CofferChart.NAMESPACE + ".svc");
        assertThat(one(docs, "MutatingWebhookConfiguration").at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
                .isEqualTo(CofferChart.NAMESPACE + "/" + cert.at("/metadata/name").asText());
        assertThat(config(docs)).contains("coffer.inject.cert.managed=false");
        assertThat(ofKind(docs, "ClusterRole")).extracting(r -> r.at("/metadata/name").asText()).noneMatch(n -> n.endsWith("-inject"))
                .anyMatch(n -> n.endsWith("-inject-render"));
        ObjectNode role = ofKind(docs, "Role").stream().filter(r -> r.at("/metadata/name").asText().endsWith("-inject"))
                .findFirst().orElseThrow();
        assertThat(role.at("/rules").toString()).doesNotContain("create", "update");
    }

    @Test
    void badValuesAreRejectedByTheSchema() {
        assertThatThrownBy(() -> render(Map.of("inject.enabled", true, "inject.failurePolicy", "Maybe")))
                .hasMessageContaining("failurePolicy");
        assertThatThrownBy(() -> render(Map.of("inject.certificate.validity", "1y"))).hasMessageContaining("validity");
    }
}
