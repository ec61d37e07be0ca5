package dev.coffer.peers.inject;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreStatus;
import dev.coffer.audit.AuditTrail;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.inject.agent.OperatorAgent;
import dev.coffer.inject.agent.SecretFiles;
import dev.coffer.inject.agent.SecretsAgent.AgentException;
import dev.coffer.inject.render.ApiServerTokenReviewer;
import dev.coffer.inject.render.RenderHandler;
import dev.coffer.inject.render.RenderService;
import dev.coffer.inject.render.StoreFileRenderer;
import dev.coffer.inject.webhook.CertificateSecret;
import dev.coffer.inject.webhook.WebhookCertificates;
import dev.coffer.inject.webhook.WebhookServer;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.InjectMetrics;
import dev.coffer.peers.kube.Crds;
import dev.coffer.provider.SharedReads;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.sync.Templaters;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.PeerProcess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Store injection's render endpoint judged by the real kube-apiserver: a token it bound to a pod
 * (TokenRequest with the pod as bound object, Coffer's audience) is reviewed there, names the pod,
 * and the agent gets that pod's files from a fake-provider SecretStore of its namespace; a token
 * for another audience, or not bound to a pod, gets nothing; once the pod is deleted its token is
 * refused and the agent keeps its files. Skipped (one line) without the API server peer.
 */
@Tag("peers")
class RenderPeerTest {

    static final String NS = "render-apps";
    static final String AUDIENCE = "coffer-inject";
    static final String CANARY = "canary-render-5b2e";

    static KubeApiServerPeer kube;
    WebhookServer server;
    WebhookCertificates.Bundle bundle;
    Path work;

    @BeforeAll
    static void startPeer() {
        kube = Crds.installedOn();
        kube.ensureNamespace(NS);
        kube.ensureServiceAccount(NS, "web");
        SecretStore store = kube.admin().getKubernetesSerialization().unmarshal("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: fake, namespace: %s}
                spec:
                  provider:
                    fake:
                      data:
                      - {key: db, value: '{"user": "web", "password": "%s"}'}
                """.formatted(NS, CANARY), SecretStore.class);
        store = kube.admin().resource(store).createOr(existing -> existing.update());
        Condition ready = new Condition();
        ready.type = "Ready";
        ready.status = "True";
        ready.reason = "Valid";
        store.setStatus(new SecretStoreStatus());
        store.getStatus().conditions = List.of(ready);
        kube.admin().resource(store).updateStatus();
    }

    @AfterAll
    static void cleanUp() {
        if (kube != null) {
            kube.admin().resources(SecretStore.class).inNamespace(NS).withName("fake").delete();
        }
    }

    @BeforeEach
    void start() throws Exception {
        work = PeerProcess.tempFolder("coffer-render");
        var client = kube.admin();
        var parts = new RenderService.Parts(client, new ApiServerTokenReviewer(client, AUDIENCE), ProviderRegistry.standard(),
                new ClientCache(), new ApiServerKubeAccess(client), ControllerClass.NONE, new StoreFileRenderer(Templaters.standard()),
                new SharedReads(Duration.ZERO, System::nanoTime), AuditTrail.OFF, new InjectMetrics(new SimpleMeterRegistry()),
                new EventRecorder(client, "coffer"));
        Set<String> excluded = Set.of("coffer-system", "kube-system");
        server = new WebhookServer(new AdmissionResponder(new AgentSettings("coffer:peer", ""), excluded, true), "127.0.0.1", 0);
        server.route(RenderHandler.PATH, new RenderHandler(new RenderService(parts, excluded)));
        bundle = new WebhookCertificates(List.of("127.0.0.1"), Duration.ofDays(1), Duration.ofDays(2), Duration.ofHours(1))
                .renew(Optional.empty(), Instant.now(), new SecureRandom());
        server.useKey(bundle.servingKey(), bundle.serving());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        kube.admin().pods().inNamespace(NS).withName("web").delete();
        PeerProcess.deleteTree(work);
    }

    Pod pod() {
        return kube.admin().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("web").withNamespace(NS)
                .withAnnotations(Map.of("coffer.dev/inject", "true", "coffer.dev/inject-secret-db", "fake/db",
                        "coffer.dev/inject-template-db", "DB_PASSWORD={{ .password }}", "coffer.dev/inject-status", "injected"))
                .endMetadata().withNewSpec().withServiceAccountName("web").withAutomountServiceAccountToken(false)
                .addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build()).create();
    }

    /** A token the API server binds to {@code pod}, as the kubelet gets it for a projected volume. */
    String boundToken(Pod pod, String audience) {
        return kube.admin().serviceAccounts().inNamespace(NS).withName("web").tokenRequest(new TokenRequestBuilder().withNewSpec()
                .withAudiences(audience).withExpirationSeconds(600L).withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endBoundObjectRef().endSpec().build())
                .getStatus().getToken();
    }

    OperatorAgent agent(Path token) throws Exception {
        return new OperatorAgent(URI.create("https://127.0.0.1:" + server.port() + RenderHandler.PATH),
                CertificateSecret.pem(bundle.caChain().toArray()), token, new SecretFiles(work.resolve("secrets")),
                Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @Test
    void aBoundTokenGetsItsPodsFilesAndNothingElseDoes() throws Exception {
        Pod pod = pod();
        Path token = Files.writeString(work.resolve("token"), boundToken(pod, AUDIENCE));
        OperatorAgent agent = agent(token);
        assertThat(agent.renderAll()).containsExactly("db");
        Path file = work.resolve("secrets/db");
        assertThat(Files.readString(file)).isEqualTo("DB_PASSWORD=" + CANARY);

        // the API server's own audience, or a token not bound to a pod: refused
        Files.writeString(token, boundToken(pod, KubeApiServerPeer.AUDIENCE));
        assertThatThrownBy(agent::renderAll).isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401");
        Files.writeString(token, kube.serviceAccountToken(NS, "web", Duration.ofMinutes(10), AUDIENCE));
        assertThatThrownBy(agent::renderAll).isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401");

        // the pod is gone: its token no longer authenticates; the file stays as it was
        Files.writeString(token, boundToken(pod, AUDIENCE));
        kube.admin().pods().inNamespace(NS).withName("web").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> kube.admin().pods().inNamespace(NS).withName("web").get() == null);
        assertThatThrownBy(agent::renderAll).isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401");
        assertThat(Files.readString(file)).isEqualTo("DB_PASSWORD=" + CANARY);
    }

    @Test
    void theAgentCommandAsAProcessGetsItsFilesAndPrintsNoValue() throws Exception {
        Pod pod = pod();
        Path token = Files.writeString(work.resolve("token"), boundToken(pod, AUDIENCE));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "dev.coffer.cli.Main", "agent", "--init",
                "--config", "{\"volumePath\":\"" + work.resolve("secrets") + "\",\"prePopulateOnly\":false}",
                "--operator-url", "https://127.0.0.1:" + server.port() + RenderHandler.PATH,
                "--operator-ca", CertificateSecret.pem(bundle.caChain().toArray()),
                "--operator-token-file", token.toString());
        PeerProcess.run("agent-init", command, work, Duration.ofMinutes(2));
        assertThat(Files.readString(work.resolve("secrets/db"))).isEqualTo("DB_PASSWORD=" + CANARY);
        assertThat(Files.readString(work.resolve("agent-init.log"))).contains("coffer agent: rendered db").doesNotContain(CANARY);

        // refused: the init container fails with one line, and the file stays
        Files.writeString(token, "not-a-token");
        assertThatThrownBy(() -> PeerProcess.run("agent-refused", command, work, Duration.ofMinutes(2)))
                .hasMessageContaining("failed with exit code");
        String refused = Files.readString(work.resolve("agent-refused.log"));
        assertThat(refused).contains("HTTP 401").doesNotContain(CANARY).doesNotContain("\tat dev.coffer");
        assertThat(Files.readString(work.resolve("secrets/db"))).isEqualTo("DB_PASSWORD=" + CANARY);
    }
}
