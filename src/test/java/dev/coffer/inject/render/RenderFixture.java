package dev.coffer.inject.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.audit.AuditTrail;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.inject.webhook.WebhookCertificates;
import dev.coffer.inject.webhook.WebhookServer;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.InjectMetrics;
import dev.coffer.provider.SharedReads;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.sync.Templaters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The render endpoint as the operator runs it, on the webhook's TLS listener, against a Fabric8
 * mock API server: CRUD for pods, stores and events, and TokenReviews answered as the API server
 * answers them for the tokens {@link #token registered} here (any other token: not authenticated).
 */
final class RenderFixture implements AutoCloseable {

    static final String AUDIENCE = "coffer-inject";
    static final String CANARY = "canary-7d3e-store-value";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WebhookCertificates CERTS = new WebhookCertificates(List.of("localhost", "127.0.0.1"),
            Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(5));

    final KubernetesMockServer api;
    final NamespacedKubernetesClient client;
    final WebhookServer server;
    final WebhookCertificates.Bundle bundle;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Map<String, JsonNode> reviews = new HashMap<>();
    final List<String> audiences = new CopyOnWriteArrayList<>();
    final AuditTrail audit;

    RenderFixture(Path auditFile) throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        api = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        api.init();
        client = api.createClient();
        api.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            try {
                JsonNode asked = JSON.readTree(request.getBody().readUtf8());
                asked.path("spec").path("audiences").forEach(a -> audiences.add(a.asText()));
                JsonNode status = reviews.get(asked.path("spec").path("token").asText());
                boolean audienceOk = asked.path("spec").path("audiences").toString().contains(AUDIENCE);
                var answer = JSON.createObjectNode().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenReview");
                answer.set("spec", asked.path("spec"));
                answer.set("status", status != null && audienceOk ? status
                        : JSON.createObjectNode().put("authenticated", false).put("error", "invalid bearer token"));
                return answer;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).always();
        audit = new AuditTrail(true, Optional.of(auditFile), Clock.systemUTC());
        var parts = new RenderService.Parts(client, new ApiServerTokenReviewer(client, AUDIENCE), ProviderRegistry.standard(),
                new ClientCache(), new ApiServerKubeAccess(client), ControllerClass.NONE,
                new StoreFileRenderer(Templaters.standard()), new SharedReads(Duration.ZERO, System::nanoTime), audit,
                new InjectMetrics(meters), new EventRecorder(client, "coffer"));
        Set<String> excluded = Set.of("coffer-system", "kube-system");
        server = new WebhookServer(new AdmissionResponder(new AgentSettings("coffer:test", "https://vault:8200",
                "https://127.0.0.1/inject/v1/render", () -> "", AUDIENCE), excluded, true), "127.0.0.1", 0);
        server.route(RenderHandler.PATH, new RenderHandler(new RenderService(parts, excluded)));
        server.countOutcomes(new InjectMetrics(meters)::admission);
        bundle = CERTS.renew(Optional.empty(), Instant.now(), new SecureRandom());
        server.useKey(bundle.servingKey(), bundle.serving());
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.port() + RenderHandler.PATH;
    }

    String caPem() throws Exception {
        return dev.coffer.inject.webhook.CertificateSecret.pem(bundle.caChain().toArray());
    }

    /** A running pod with these annotations, and a bound token for it (as the API server issues them). */
    Pod pod(String ns, String name, String serviceAccount, Map<String, String> annotations, String token) {
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withUid("uid-" + name).withAnnotations(annotations).endMetadata()
                .withNewSpec().withServiceAccountName(serviceAccount).addNewContainer().withName("app").withImage("busybox")
                .endContainer().endSpec().build()).create();
        boundToken(token, ns, serviceAccount, name, pod.getMetadata().getUid());
        return pod;
    }

    void boundToken(String token, String ns, String serviceAccount, String pod, String uid) {
        var status = JSON.createObjectNode().put("authenticated", true);
        var user = status.putObject("user").put("username", "system:serviceaccount:" + ns + ":" + serviceAccount)
                .put("uid", "sa-uid");
        user.putArray("groups").add("system:serviceaccounts").add("system:serviceaccounts:" + ns);
        var extra = user.putObject("extra");
        extra.putArray("authentication.kubernetes.io/pod-name").add(pod);
        extra.putArray("authentication.kubernetes.io/pod-uid").add(uid);
        status.putArray("audiences").add(AUDIENCE);
        reviews.put(token, status);
    }

    /** A fake-provider store (Ready), in YAML as a user writes it. */
    <T extends HasMetadata> T store(Class<T> type, String yaml) {
        T store = client.getKubernetesSerialization().unmarshal(yaml, type);
        return client.resource(store).create();
    }

    SecretStore secretStore(String ns, String name, String dataYaml) {
        return store(SecretStore.class, """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: %s, namespace: %s}
                spec:
                  provider:
                    fake:
                      data:
                %s
                status:
                  conditions: [{type: Ready, status: "True", reason: Valid}]
                """.formatted(name, ns, dataYaml.indent(8)));
    }

    ClusterSecretStore clusterStore(String name, String conditionsYaml, String dataYaml) {
        return store(ClusterSecretStore.class, """
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: %s}
                spec:
                  conditions: %s
                  provider:
                    fake:
                      data:
                %s
                status:
                  conditions: [{type: Ready, status: "True", reason: Valid}]
                """.formatted(name, conditionsYaml, dataYaml.indent(8)));
    }

    @Override
    public void close() {
        server.close();
        client.close();
        api.destroy();
    }
}
