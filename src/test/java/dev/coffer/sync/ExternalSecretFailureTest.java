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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and failing providers end in Ready=False with a clear message and a Warning event,
 * and never touch a Secret that was synced before.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretFailureTest extends OperatorTest {

    private static final String GOOD = """
              data:
              - secretKey: value
                remoteRef:
                  key: present
            """;

    /** Syncs a first good version, then applies the broken spec; returns the namespace. */
    private String syncedThenBroken(String name, java.util.function.Consumer<ExternalSecret> breakIt) {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("present", "good-value"));
        createExternalSecret(ns, name, GOOD);
        Await.synced(client, ns, name);
        client.resources(ExternalSecret.class).inNamespace(ns).withName(name).edit(es -> {
            breakIt.accept(es);
            return es;
        });
        return ns;
    }

    private void assertSecretKept(String ns, String name) {
        Secret secret = client.secrets().inNamespace(ns).withName(name).get();
        assertThat(secret).as("the previously synced Secret").isNotNull();
        assertThat(decoded(secret, "value")).isEqualTo("good-value");
    }

    private void assertWarningEvent(String ns, String messagePart) {
        Await.await().untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getReason()).isEqualTo("UpdateFailed");
                    assertThat(e.getMessage()).contains(messagePart);
                }));
    }

    @Test
    void missingRemoteKeyKeepsTheSecret() {
        String ns = syncedThenBroken("missing", es -> es.getSpec().data.get(0).remoteRef.key = "absent");
        ExternalSecret es = Await.failing(client, ns, "missing", "key \"absent\" not found");
        assertThat(Await.ready(es).orElseThrow().reason).isEqualTo("SecretSyncedError");
        assertSecretKept(ns, "missing");
        assertWarningEvent(ns, "absent");
    }

    @Test
    void unknownStoreIsReported() {
        String ns = syncedThenBroken("nostore", es -> es.getSpec().secretStoreRef.name = "nope");
        Await.failing(client, ns, "nostore", "SecretStore \"nope\" not found");
        assertSecretKept(ns, "nostore");
    }

    @Test
    void storeOfTheWrongKindIsReported() {
        String ns = syncedThenBroken("wrongkind", es -> es.getSpec().secretStoreRef.kind =
                dev.coffer.api.externalsecrets.v1.StoreKind.ClusterSecretStore);
        Await.failing(client, ns, "wrongkind", "ClusterSecretStore \"fake\" not found");
        assertSecretKept(ns, "wrongkind");
    }

    @Test
    void malformedRefreshIntervalIsReported() {
        String ns = syncedThenBroken("interval", es -> es.getSpec().refreshInterval = "1 hour");
        Await.failing(client, ns, "interval", "spec.refreshInterval: invalid duration \"1 hour\"");
        assertSecretKept(ns, "interval");
    }

    @Test
    void invalidRegexpIsReported() {
        String ns = syncedThenBroken("regexp", es -> {
            var find = new dev.coffer.api.externalsecrets.v1.ExternalSecretFind();
            find.name = new dev.coffer.api.externalsecrets.v1.FindName();
            find.name.regexp = "([unclosed";
            var from = new dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef();
            from.find = find;
            es.getSpec().dataFrom = java.util.List.of(from);
        });
        Await.failing(client, ns, "regexp", "find.name.regexp is not a valid regular expression");
        assertSecretKept(ns, "regexp");
    }

    @Test
    void conflictingPoliciesAreReported() {
        String ns = syncedThenBroken("policies", es -> {
            es.getSpec().target = new dev.coffer.api.externalsecrets.v1.ExternalSecretTarget();
            es.getSpec().target.creationPolicy = dev.coffer.api.externalsecrets.v1.CreationPolicy.Merge;
            es.getSpec().target.deletionPolicy = dev.coffer.api.externalsecrets.v1.DeletionPolicy.Delete;
        });
        Await.failing(client, ns, "policies", "deletionPolicy=Delete must not be used");
        assertSecretKept(ns, "policies");
    }

    @Test
    void failingProviderMakesTheStoreNotReadyAndNothingIsFetched() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("present", "good-value"));
        createExternalSecret(ns, "outage", GOOD);
        Await.synced(client, ns, "outage");
        // The backend now fails validation: the store turns not Ready, the flood gate closes.
        client.resources(dev.coffer.api.externalsecrets.v1.SecretStore.class).inNamespace(ns).withName("fake")
                .edit(s -> {
                    s.getSpec().provider.fake.validationResult = 2;
                    return s;
                });
        Await.await().until(() -> {
            var store = client.resources(dev.coffer.api.externalsecrets.v1.SecretStore.class).inNamespace(ns).withName("fake").get();
            return store.getStatus() != null && store.getStatus().conditions.stream()
                    .anyMatch(c -> "Ready".equals(c.type) && "False".equals(c.status) && "ValidationFailed".equals(c.reason));
        });
        client.resources(ExternalSecret.class).inNamespace(ns).withName("outage").edit(es -> {
            es.getMetadata().setAnnotations(Map.of("force-sync", "now"));
            return es;
        });
        Await.failing(client, ns, "outage", "is not ready");
        assertSecretKept(ns, "outage");
    }

    @Test
    void secretOwnedByAnotherExternalSecretIsNotOverwritten() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("present", "good-value"));
        createExternalSecret(ns, "first", """
                  target:
                    name: shared
                  data:
                  - secretKey: value
                    remoteRef:
                      key: present
                """);
        Await.synced(client, ns, "first");
        createExternalSecret(ns, "second", """
                  target:
                    name: shared
                  data:
                  - secretKey: other
                    remoteRef:
                      key: present
                """);
        Await.failing(client, ns, "second", "target is owned by another ExternalSecret");
        Secret shared = client.secrets().inNamespace(ns).withName("shared").get();
        assertThat(shared.getData()).containsOnlyKeys("value");
    }
}
