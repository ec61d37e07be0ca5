package dev.coffer.fanout;

import dev.coffer.api.externalsecrets.v1.ClusterExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ClusterExternalSecrets through the real operator against the CRUD mock API server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterExternalSecretReconcilerTest {

    @Inject
    KubernetesClient client;

    private String namespace(Map<String, String> labels) {
        String name = "ces-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
        return name;
    }

    private ExternalSecret es(String ns, String name) {
        return client.resources(ExternalSecret.class).inNamespace(ns).withName(name).get();
    }

    private ClusterExternalSecret ces(String name) {
        return client.resources(ClusterExternalSecret.class).withName(name).get();
    }

    @Test
    void stampsSelectedNamespacesFollowsTheirChangesAndLeavesForeignOnesAlone() {
        String team = "t" + UUID.randomUUID().toString().substring(0, 6);
        String a = namespace(Map.of("team", team));
        String named = namespace(Map.of());
        String foreign = namespace(Map.of("team", team));
        String ignored = namespace(Map.of("team", "other"));
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: shared, namespace: %s}
                spec:
                  secretStoreRef: {name: elsewhere}
                  data: [{secretKey: k, remoteRef: {key: k}}]
                """.formatted(foreign), ExternalSecret.class)).create();
        String cesName = "c-" + team;
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ClusterExternalSecret
                metadata: {name: %s}
                spec:
                  externalSecretName: shared
                  externalSecretMetadata: {labels: {from: ces}, annotations: {note: stamped}}
                  namespaceSelectors:
                  - matchLabels: {team: %s}
                  - matchLabels: {never: matches}
                  namespaces: [%s]
                  refreshTime: 1m
                  externalSecretSpec:
                    secretStoreRef: {name: fake, kind: SecretStore}
                    refreshInterval: 1h
                    data: [{secretKey: user, remoteRef: {key: db-user}}]
                """.formatted(cesName, team, named), ClusterExternalSecret.class)).create();

        Await.await().until(() -> es(a, "shared") != null && es(named, "shared") != null);
        ExternalSecret stamped = es(a, "shared");
        assertThat(stamped.getMetadata().getLabels()).containsEntry("from", "ces");
        assertThat(stamped.getMetadata().getAnnotations()).containsEntry("note", "stamped");
        assertThat(stamped.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("ClusterExternalSecret"));
        assertThat(stamped.getSpec().data.get(0).remoteRef.key).isEqualTo("db-user");
        assertThat(es(ignored, "shared")).isNull();
        assertThat(es(foreign, "shared").getSpec().secretStoreRef.name).as("not ours: left alone").isEqualTo("elsewhere");

        Await.await().until(() -> ces(cesName).getStatus() != null && ces(cesName).getStatus().failedNamespaces != null);
        var status = ces(cesName).getStatus();
        assertThat(status.externalSecretName).isEqualTo("shared");
        assertThat(status.provisionedNamespaces).containsExactlyElementsOf(new java.util.TreeSet<>(List.of(a, named)));
        assertThat(status.failedNamespaces).singleElement().satisfies(f -> {
            assertThat(f.namespace).isEqualTo(foreign);
            assertThat(f.reason).isEqualTo("external secret already exists in namespace");
        });
        assertThat(status.conditions).singleElement().satisfies(c -> {
            assertThat(c.type).isEqualTo("PartiallyReady");
            assertThat(c.status).isEqualTo("True");
        });

        // a new matching namespace is served at once (Namespaces are watched; refreshTime is a minute)
        String late = namespace(Map.of("team", team));
        Await.await().until(() -> es(late, "shared") != null);

        // a namespace that stops matching loses its ExternalSecret; the foreign one stays
        client.namespaces().withName(a).edit(n -> {
            n.getMetadata().setLabels(Map.of("team", "gone"));
            return n;
        });
        Await.await().until(() -> es(a, "shared") == null);
        assertThat(es(foreign, "shared")).isNotNull();

        // a changed spec reaches the stamped ExternalSecrets
        client.resources(ClusterExternalSecret.class).withName(cesName).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"externalSecretSpec\":{\"refreshInterval\":\"2h\"}}}");
        Await.await().until(() -> "2h".equals(es(late, "shared").getSpec().refreshInterval));
    }

    @Test
    void theDeprecatedSelectorAndTheDefaultNameWork() {
        String team = "d" + UUID.randomUUID().toString().substring(0, 6);
        String a = namespace(Map.of("legacy", team));
        String cesName = "legacy-" + team;
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ClusterExternalSecret
                metadata: {name: %s}
                spec:
                  namespaceSelector: {matchLabels: {legacy: %s}}
                  externalSecretSpec:
                    secretStoreRef: {name: fake}
                    data: [{secretKey: user, remoteRef: {key: db-user}}]
                """.formatted(cesName, team), ClusterExternalSecret.class)).create();
        Await.await().until(() -> es(a, cesName) != null);
        Await.await().until(() -> ces(cesName).getStatus() != null && ces(cesName).getStatus().conditions != null
                && "Ready".equals(ces(cesName).getStatus().conditions.get(0).type));
        assertThat(ces(cesName).getStatus().provisionedNamespaces).containsExactly(a);
    }
}
