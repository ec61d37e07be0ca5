package dev.coffer.peers.inject;

import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.inject.webhook.CaBundlePatcher;
import dev.coffer.inject.webhook.CertificateKeeper;
import dev.coffer.inject.webhook.WebhookCertificates;
import dev.coffer.inject.webhook.WebhookServer;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real kube-apiserver calls Coffer's webhook: a MutatingWebhookConfiguration points at
 * {@code https://127.0.0.1:PORT/mutate-pods}; the operator's {@link CertificateKeeper} makes the
 * certificate Secret and patches the caBundle in; a created Pod comes back with the agent
 * injected, a bad one is refused with the one-line message, and pods of the operator's own
 * namespace are left alone. Limited by an objectSelector, and removed afterwards, so other tests'
 * pods on the shared API server never reach it.
 */
@Tag("peers")
class WebhookPeerTest {

    static final String OPERATOR_NS = "coffer-inject-system";
    static final String APP_NS = "inject-apps";
    static final String CONFIG = "coffer-inject-peer";
    static final String CANARY = "canary-webhook-5d2e";

    static KubeApiServerPeer kube;
    static WebhookServer server;

    @BeforeAll
    static void start() throws Exception {
        kube = KubeApiServerPeer.shared();
        for (String ns : List.of(OPERATOR_NS, APP_NS)) {
            kube.ensureNamespace(ns);
            kube.ensureServiceAccount(ns, "default");
        }
        server = new WebhookServer(new AdmissionResponder(new AgentSettings("coffer:peer", "https://vault.example:8200"),
                Set.of(OPERATOR_NS, "kube-system"), true), "127.0.0.1", 0);
        server.start();
        kube.admin().admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(CONFIG).endMetadata()
                        .addNewWebhook().withName("pods.inject.coffer.dev").withAdmissionReviewVersions("v1")
                        .withSideEffects("None").withFailurePolicy("Fail").withTimeoutSeconds(10)
                        .withNewClientConfig().withUrl("https://127.0.0.1:" + server.port() + WebhookServer.PATH).endClientConfig()
                        .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods").endRule()
                        .withNewObjectSelector().addToMatchLabels("coffer-peer-test", "inject").endObjectSelector()
                        .endWebhook().build()).createOr(existing -> existing.update());
        var certs = new WebhookCertificates(List.of("coffer-webhook." + OPERATOR_NS + ".svc", "127.0.0.1"),
                Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(5));
        new CertificateKeeper(kube.admin(), OPERATOR_NS, "coffer-webhook-cert", Optional.of(certs),
                new CaBundlePatcher(kube.admin(), CONFIG), () -> true, Clock.systemUTC(), server).sync();
        // the API server may cache the configuration for a moment after the caBundle patch:
        // every test below runs once it calls the webhook
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> kube.admin().pods().inNamespace(APP_NS).resource(pod(APP_NS, "app-" + System.nanoTime(), ASKS)).create(),
                        p -> p.getSpec().getInitContainers().size() == 1);
    }

    @AfterAll
    static void stop() {
        if (kube != null) {
            kube.admin().admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIG).delete();
        }
        if (server != null) {
            server.close();
        }
    }

    static Pod pod(String ns, String name, Map<String, String> annotations) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .addToLabels("coffer-peer-test", "inject").withAnnotations(annotations).endMetadata()
                .withNewSpec().withAutomountServiceAccountToken(false).addNewContainer().withName("app").withImage("busybox")
                .addNewEnv().withName("PASSWORD").withValue(CANARY).endEnv().endContainer().endSpec().build();
    }

    static final Map<String, String> ASKS = Map.of("vault.hashicorp.com/agent-inject", "true",
            "vault.hashicorp.com/role", "app", "vault.hashicorp.com/agent-inject-secret-db", "secret/data/app/db");

    @Test
    void aCreatedPodComesBackMutated() {
        Pod created = kube.admin().pods().inNamespace(APP_NS).resource(pod(APP_NS, "app-" + System.nanoTime(), ASKS)).create();
        assertThat(created.getSpec().getInitContainers().get(0).getName()).isEqualTo("coffer-agent-init");
        assertThat(created.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("app", "coffer-agent");
        assertThat(created.getSpec().getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/vault/secrets");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(created.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory"));
        assertThat(created.getMetadata().getAnnotations()).containsEntry("vault.hashicorp.com/agent-inject-status", "injected");
        // the agent's config names paths, never a value of the pod
        assertThat(created.getSpec().getContainers().get(1).getEnv().toString()).doesNotContain(CANARY);
    }

    @Test
    void aBadAnnotationIsRefusedWithTheOneLineMessage() {
        assertThatThrownBy(() -> kube.admin().pods().inNamespace(APP_NS).resource(pod(APP_NS, "bad-" + System.nanoTime(),
                Map.of("vault.hashicorp.com/agent-inject", "true"))).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("Coffer injection: vault.hashicorp.com/role is required");
    }

    @Test
    void podsOfTheOperatorsNamespaceAreLeftAlone() {
        Pod p = kube.admin().pods().inNamespace(OPERATOR_NS).resource(pod(OPERATOR_NS, "own-" + System.nanoTime(), ASKS)).create();
        assertThat(p.getSpec().getInitContainers()).isEmpty();
        assertThat(p.getSpec().getContainers()).hasSize(1);
    }
}
