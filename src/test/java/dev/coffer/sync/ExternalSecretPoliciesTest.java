package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** Creation, deletion and immutability policies, end to end. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretPoliciesTest extends OperatorTest {

    private static String target(String creation, String deletion, String extra) {
        return """
                  target:
                    name: out
                    creationPolicy: %s
                    deletionPolicy: %s
                %s
                  data:
                  - secretKey: value
                    remoteRef:
                      key: k
                """.formatted(creation, deletion, extra);
    }

    private void removeRemoteKey(String ns) {
        fakeStoreHolds(ns, Map.of("other", "x"));
    }

    @Test
    void orphanWritesWithoutOwnerReference() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "orphan", target("Orphan", "Retain", ""));
        Await.synced(client, ns, "orphan");
        Secret out = client.secrets().inNamespace(ns).withName("out").get();
        assertThat(out.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(decoded(out, "value")).isEqualTo("v");
    }

    @Test
    void mergeNeedsAnExistingSecretAndKeepsItsOtherKeys() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "merge", target("Merge", "Retain", ""));
        // as upstream: Ready=True, SecretMissing, and no binding while there is nothing to merge into
        ExternalSecret waiting = Await.externalSecret(client, ns, "merge", c -> "True".equals(c.status) && "SecretMissing".equals(c.reason));
        assertThat(waiting.getStatus().binding).isNull();
        client.resource(secret(ns, "out", Map.of("foreign", "kept"))).create();
        Secret out = Await.secret(client, ns, "out", s -> "v".equals(decoded(s, "value")));
        assertThat(decoded(out, "foreign")).isEqualTo("kept");
        assertThat(out.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void createOrMergeCreatesWhenAbsent() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "com", target("CreateOrMerge", "Retain", ""));
        Await.synced(client, ns, "com");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("out").get(), "value")).isEqualTo("v");
    }

    @Test
    void noneWritesNothing() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "none", target("None", "Retain", ""));
        Await.synced(client, ns, "none");
        assertThat(client.secrets().inNamespace(ns).withName("out").get()).isNull();
    }

    @Test
    void deletionPolicyDeleteRemovesTheSecretWhenTheRemoteKeyIsGone() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "del", target("Owner", "Delete", ""));
        Await.synced(client, ns, "del");
        removeRemoteKey(ns);
        forceSync(ns, "del");
        Await.externalSecret(client, ns, "del", c -> "True".equals(c.status) && "SecretDeleted".equals(c.reason));
        Await.await().until(() -> client.secrets().inNamespace(ns).withName("out").get() == null);
    }

    @Test
    void deletionPolicyMergeRemovesOnlyItsKeys() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        client.resource(secret(ns, "out", Map.of("foreign", "kept"))).create();
        createExternalSecret(ns, "dm", target("Merge", "Merge", ""));
        Await.synced(client, ns, "dm");
        removeRemoteKey(ns);
        forceSync(ns, "dm");
        Secret out = Await.secret(client, ns, "out", s -> !s.getData().containsKey("value"));
        Await.externalSecret(client, ns, "dm", c -> "True".equals(c.status) && "SecretSynced".equals(c.reason));
        assertThat(decoded(out, "foreign")).isEqualTo("kept");
    }

    @Test
    void retainKeepsTheSecretWhenTheRemoteKeyIsGone() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "keep", target("Owner", "Retain", ""));
        Await.synced(client, ns, "keep");
        removeRemoteKey(ns);
        forceSync(ns, "keep");
        Await.failing(client, ns, "keep", "not found");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("out").get(), "value")).isEqualTo("v");
    }

    @Test
    void immutableTargetIsWrittenImmutableAndNotOverwritten() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v", "k2", "w"));
        createExternalSecret(ns, "imm", target("Owner", "Retain", "    immutable: true"));
        Await.synced(client, ns, "imm");
        assertThat(client.secrets().inNamespace(ns).withName("out").get().getImmutable()).isTrue();
        client.resources(ExternalSecret.class).inNamespace(ns).withName("imm").edit(es -> {
            es.getSpec().data.get(0).remoteRef.key = "k2";
            return es;
        });
        // as upstream: the data stays, and so does Ready=True, SecretSynced
        Await.externalSecret(client, ns, "imm", c -> "True".equals(c.status) && "SecretSynced".equals(c.reason)
                && c.message.contains("immutable"));
        assertThat(decoded(client.secrets().inNamespace(ns).withName("out").get(), "value")).isEqualTo("v");
    }

    @Test
    void deletingTheExternalSecretWithDeletePolicyDeletesItsSecret() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        createExternalSecret(ns, "gone", target("Owner", "Delete", ""));
        Await.synced(client, ns, "gone");
        client.resources(ExternalSecret.class).inNamespace(ns).withName("gone").delete();
        Await.await().until(() -> client.secrets().inNamespace(ns).withName("out").get() == null
                && get(ns, "gone") == null);
    }

    @Test
    void clusterStoreConditionsLimitNamespaces() {
        String allowed = newNamespace();
        String denied = newNamespace();
        client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(allowed)
                .addToLabels("team", "a").endMetadata().build()).create();
        client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(denied)
                .endMetadata().build()).create();
        String store = "css-" + allowed;
        client.resource(dev.coffer.testsupport.TestResources.fakeClusterStore(store, Map.of("k", "cluster-v"), """
                  conditions:
                  - namespaceSelector:
                      matchLabels:
                        team: a
                """)).create();
        for (String ns : new String[] {allowed, denied}) {
            client.resource(dev.coffer.testsupport.TestResources.externalSecret("""
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: from-cluster
                      namespace: %s
                    spec:
                      secretStoreRef:
                        kind: ClusterSecretStore
                        name: %s
                      data:
                      - secretKey: value
                        remoteRef:
                          key: k
                    """.formatted(ns, store))).create();
        }
        Await.synced(client, allowed, "from-cluster");
        assertThat(decoded(client.secrets().inNamespace(allowed).withName("from-cluster").get(), "value")).isEqualTo("cluster-v");
        Await.failing(client, denied, "from-cluster", "does not allow namespace \"" + denied + "\"");
        assertThat(client.secrets().inNamespace(denied).withName("from-cluster").get()).isNull();
    }
}
