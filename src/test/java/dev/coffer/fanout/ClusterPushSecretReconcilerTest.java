package dev.coffer.fanout;

import dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.coffer.testsupport.TestResources.fakeStore;
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** ClusterPushSecrets through the real operator against the CRUD mock API server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterPushSecretReconcilerTest {

    @Inject
    KubernetesClient client;

    @Test
    void stampsAPushSecretThatPushesInEachSelectedNamespace() {
        String team = "p" + UUID.randomUUID().toString().substring(0, 6);
        String a = "cps-a-" + team;
        String b = "cps-b-" + team;
        for (String ns : new String[]{a, b}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .withLabels(Map.of("push", team)).endMetadata().build()).create();
            client.resource(fakeStore(ns, "fake", Map.of("x", "y"))).create();
            client.resource(secret(ns, "source", Map.of("k", "v-" + ns))).create();
        }
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: ClusterPushSecret
                metadata: {name: %s}
                spec:
                  pushSecretName: pushed
                  pushSecretMetadata: {labels: {from: cps}}
                  namespaceSelectors: [{matchLabels: {push: %s}}]
                  pushSecretSpec:
                    secretStoreRefs: [{name: fake}]
                    selector: {secret: {name: source}}
                    data: [{match: {secretKey: k, remoteRef: {remoteKey: remote-k}}}]
                """.formatted(team, team), ClusterPushSecret.class)).create();
        for (String ns : new String[]{a, b}) {
            Await.await().until(() -> {
                PushSecret ps = client.resources(PushSecret.class).inNamespace(ns).withName("pushed").get();
                return ps != null && ps.getStatus() != null && ps.getStatus().syncedPushSecrets != null;
            });
            assertThat(client.resources(PushSecret.class).inNamespace(ns).withName("pushed").get().getMetadata().getLabels())
                    .containsEntry("from", "cps");
        }
        Await.await().until(() -> {
            ClusterPushSecret cps = client.resources(ClusterPushSecret.class).withName(team).get();
            return cps.getStatus() != null && java.util.List.of(a, b).equals(cps.getStatus().provisionedNamespaces)
                    && "pushed".equals(cps.getStatus().pushSecretName) && "Ready".equals(cps.getStatus().conditions.get(0).type);
        });
    }
}
