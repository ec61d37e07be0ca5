package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases in the style of ESO's controller tests (pkg/controllers/externalsecret), on what happens to
 * the target Secret when the provider has less, or nothing, for an ExternalSecret.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretEsoParityTest extends OperatorTest {

    private static final String THREE_KEYS = """
              data:
              - secretKey: one
                remoteRef: {key: k1}
              - secretKey: two
                remoteRef: {key: k2}
              - secretKey: three
                remoteRef: {key: k3}
            """;

    private static final String ONE_KEY = """
              data:
              - secretKey: one
                remoteRef: {key: k1}
            """;

    private static String target(String creation, String deletion) {
        return """
                  target:
                    name: out
                    creationPolicy: %s
                    deletionPolicy: %s
                """.formatted(creation, deletion);
    }

    /**
     * Forces syncs until {@code check} holds: the operator may see the force-sync before the store
     * edit that precedes it (two informers), and then rightly finds nothing to do.
     */
    private void forceSyncUntil(String ns, String name, java.util.concurrent.Callable<Boolean> check) {
        Await.await().pollInterval(Duration.ofMillis(700)).until(() -> {
            if (check.call()) {
                return true;
            }
            forceSync(ns, name);
            return false;
        });
    }

    private boolean condition(String ns, String name, String status, String reason, String messagePart) {
        return Await.ready(get(ns, name)).map(c -> status.equals(c.status) && reason.equals(c.reason)
                && c.message != null && c.message.contains(messagePart)).orElse(false);
    }

    private Secret out(String ns) {
        return client.secrets().inNamespace(ns).withName("out").get();
    }

    private List<Event> events(String ns, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void retainWithAFindThatNoLongerMatchesKeepsTheSecretExactlyAndIsSynced() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db-a", "1", "other", "x"));
        createExternalSecret(ns, "keep", target("Owner", "Retain") + """
                  dataFrom:
                  - find: {name: {regexp: "^db-"}}
                """);
        Await.synced(client, ns, "keep");
        Secret before = Await.secret(client, ns, "out", s -> "1".equals(decoded(s, "db-a")));
        fakeStoreHolds(ns, Map.of("other", "x"));
        forceSyncUntil(ns, "keep", () -> condition(ns, "keep", "True", "SecretSynced", ExternalSecretReconciler.MSG_RETAINED));
        Secret after = out(ns);
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getData()).isEqualTo(before.getData());
    }

    @Test
    void retainWithNothingAtTheProviderCreatesNoSecret() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("other", "x"));
        createExternalSecret(ns, "none-yet", target("Owner", "Retain") + """
                  dataFrom:
                  - find: {name: {regexp: "^db-"}}
                """);
        Await.externalSecret(client, ns, "none-yet", c -> "True".equals(c.status)
                && ExternalSecretReconciler.MSG_RETAINED.equals(c.message));
        assertThat(out(ns)).isNull();
    }

    @Test
    void retainWithOneEntryMissingIsAnErrorAndKeepsEveryKey() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1", "k2", "2", "k3", "3"));
        createExternalSecret(ns, "r3", target("Owner", "Retain") + THREE_KEYS);
        Await.synced(client, ns, "r3");
        fakeStoreHolds(ns, Map.of("k1", "1", "k3", "3"));
        forceSyncUntil(ns, "r3", () -> condition(ns, "r3", "False", "SecretSyncedError", "not found"));
        assertThat(out(ns).getData()).containsOnlyKeys("one", "two", "three");
    }

    @Test
    void deleteWithOneOfThreeMissingKeepsTheOtherTwoAndNamesTheMissingOne() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1", "k2", "2", "k3", "3"));
        createExternalSecret(ns, "d3", target("Owner", "Delete") + THREE_KEYS);
        Await.synced(client, ns, "d3");
        fakeStoreHolds(ns, Map.of("k1", "1", "k3", "3"));
        forceSyncUntil(ns, "d3", () -> !out(ns).getData().containsKey("two"));
        Secret out = out(ns);
        assertThat(out.getData()).containsOnlyKeys("one", "three");
        Await.await().untilAsserted(() -> assertThat(events(ns, "MissingProviderSecret"))
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Normal");
                    assertThat(e.getMessage()).contains("spec.data[1]").contains("k2");
                }));
        assertThat(Await.synced(client, ns, "d3").getStatus().conditions).anySatisfy(c -> assertThat(c.reason).isEqualTo("SecretSynced"));
    }

    @Test
    void mergeWithOneOfThreeMissingRemovesOnlyThatKey() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1", "k2", "2", "k3", "3"));
        client.resource(secret(ns, "out", Map.of("foreign", "kept"))).create();
        createExternalSecret(ns, "m3", target("Merge", "Merge") + THREE_KEYS);
        Await.secret(client, ns, "out", s -> s.getData().containsKey("two"));
        fakeStoreHolds(ns, Map.of("k1", "1", "k3", "3"));
        forceSyncUntil(ns, "m3", () -> !out(ns).getData().containsKey("two"));
        Secret out = out(ns);
        assertThat(out.getData()).containsOnlyKeys("foreign", "one", "three");
        Await.await().untilAsserted(() -> assertThat(events(ns, "MissingProviderSecret")).isNotEmpty());
    }

    @Test
    void deleteWithNothingLeftDeletesTheSecretReadyTrueWithADeletedEvent() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1", "k2", "2", "k3", "3"));
        createExternalSecret(ns, "d0", target("Owner", "Delete") + THREE_KEYS);
        Await.synced(client, ns, "d0");
        fakeStoreHolds(ns, Map.of("other", "x"));
        forceSyncUntil(ns, "d0", () -> condition(ns, "d0", "True", "SecretDeleted", "DeletionPolicy=Delete"));
        Await.await().until(() -> out(ns) == null);
        assertThat(events(ns, "Deleted")).isNotEmpty();
        assertThat(events(ns, "MissingProviderSecret")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void mergePolicyWithNothingLeftEmptiesAnOwnerSecretAndIsSynced() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1", "k2", "2", "k3", "3"));
        createExternalSecret(ns, "m0", target("Owner", "Merge") + THREE_KEYS);
        Await.synced(client, ns, "m0");
        fakeStoreHolds(ns, Map.of("other", "x"));
        forceSyncUntil(ns, "m0", () -> out(ns).getData() == null || out(ns).getData().isEmpty());
        Secret out = out(ns);
        assertThat(out.getMetadata().getAnnotations()).containsEntry(ManagedSecret.ANNOTATION_DATA_HASH, EsoHash.ofData(Map.of()));
        Await.externalSecret(client, ns, "m0", c -> "True".equals(c.status) && "SecretSynced".equals(c.reason));
    }

    @Test
    void aMissingPropertyIsAPlainErrorEvenUnderDelete() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("json", "{\"user\":\"u\",\"pass\":\"p\"}"));
        createExternalSecret(ns, "prop", target("Owner", "Delete") + """
                  data:
                  - secretKey: pass
                    remoteRef: {key: json, property: pass}
                """);
        Await.synced(client, ns, "prop");
        fakeStoreHolds(ns, Map.of("json", "{\"user\":\"u\"}"));
        forceSyncUntil(ns, "prop", () -> condition(ns, "prop", "False", "SecretSyncedError", "property \"pass\""));
        assertThat(decoded(out(ns), "pass")).isEqualTo("p");
        assertThat(events(ns, "MissingProviderSecret")).isEmpty();
    }

    @Test
    void orphanWithDeleteSyncsAndLaterRefusesToDeleteASecretItDoesNotOwn() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1"));
        createExternalSecret(ns, "od", target("Orphan", "Delete") + ONE_KEY);
        Await.synced(client, ns, "od");
        assertThat(decoded(out(ns), "one")).isEqualTo("1");
        fakeStoreHolds(ns, Map.of("other", "x"));
        forceSyncUntil(ns, "od", () -> condition(ns, "od", "False", "SecretSyncedError", "creationPolicy=Orphan is not Owner"));
        assertThat(decoded(out(ns), "one")).isEqualTo("1");
    }

    @Test
    void refreshIntervalZeroIgnoresLaterChangesIncludingForceSync() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1"));
        createExternalSecret(ns, "once", "0", """
                  secretStoreRef: {name: fake, kind: SecretStore}
                  target: {name: out}
                  data:
                  - secretKey: one
                    remoteRef: {key: k1}
                """);
        String synced = Await.synced(client, ns, "once").getStatus().syncedResourceVersion;
        fakeStoreHolds(ns, Map.of("k1", "2"));
        forceSync(ns, "once");
        Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                "1".equals(decoded(out(ns), "one")) && synced.equals(get(ns, "once").getStatus().syncedResourceVersion));
        // a lost Secret is still restored (as upstream), with what the provider holds now
        client.secrets().inNamespace(ns).withName("out").delete();
        Await.secret(client, ns, "out", s -> "2".equals(decoded(s, "one")));
    }

    @Test
    void creationPolicyNoneLeavesTheBindingEmpty() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1"));
        createExternalSecret(ns, "nobind", target("None", "Retain") + ONE_KEY);
        ExternalSecret es = Await.synced(client, ns, "nobind");
        assertThat(es.getStatus().binding == null || es.getStatus().binding.name == null).isTrue();
    }

    @Test
    void changingTargetNameDeletesTheOldOwnedSecretWithADeletedEvent() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1"));
        client.resource(secret(ns, "bystander", Map.of("x", "y"))).create();
        createExternalSecret(ns, "ren", target("Owner", "Retain") + ONE_KEY);
        Await.secret(client, ns, "out", s -> "1".equals(decoded(s, "one")));
        client.resources(ExternalSecret.class).inNamespace(ns).withName("ren").edit(es -> {
            es.getSpec().target.name = "renamed";
            return es;
        });
        Await.secret(client, ns, "renamed", s -> "1".equals(decoded(s, "one")));
        Await.await().until(() -> out(ns) == null);
        assertThat(client.secrets().inNamespace(ns).withName("bystander").get()).isNotNull();
        Await.await().untilAsserted(() -> assertThat(events(ns, "Deleted")).anySatisfy(e -> assertThat(e.getMessage()).contains("out")));
    }

    @Test
    void templateFinalizersArePutOnTheSecret() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k1", "1"));
        createExternalSecret(ns, "fin", """
                  target:
                    name: out
                    template:
                      metadata:
                        finalizers: [example.com/keep]
                  data:
                  - secretKey: one
                    remoteRef: {key: k1}
                """);
        Secret out = Await.secret(client, ns, "out", s -> "1".equals(decoded(s, "one")));
        assertThat(out.getMetadata().getFinalizers()).contains("example.com/keep");
    }
}
