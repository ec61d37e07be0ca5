package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.fake.FakePushedSecrets;
import dev.coffer.provider.fake.FakeProviderImpl;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.coffer.testsupport.TestResources.fakeStore;
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** PushSecrets through the real operator against the CRUD mock API server, pushing to fake and kubernetes stores. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PushSecretReconcilerTest {

    @Inject
    KubernetesClient client;

    @Inject
    ProviderRegistry registry;

    private static String newNamespace() {
        return "ps-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private FakePushedSecrets.Store pushedTo(String ns, String store) {
        SecretStore any = fakeStore(ns, store, Map.of("x", "y"));
        FakeProviderImpl fake = (FakeProviderImpl) registry.forBlock(any.getSpec().provider);
        return fake.pushed().of(new StoreIdentity(StoreIdentity.SECRET_STORE, ns, store));
    }

    private PushSecret pushSecret(String ns, String name, String spec) {
        return client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: PushSecret
                metadata: {name: %s, namespace: %s}
                spec:
                %s
                """.formatted(name, ns, spec.indent(2)), PushSecret.class)).create();
    }

    private PushSecret awaitReady(String ns, String name, String status, String reason) {
        return Await.await().until(() -> client.resources(PushSecret.class).inNamespace(ns).withName(name).get(), ps -> ready(ps)
                .filter(c -> status.equals(c.status) && reason.equals(c.reason)).isPresent());
    }

    private static Optional<Condition> ready(PushSecret ps) {
        return ps == null || ps.getStatus() == null || ps.getStatus().conditions == null ? Optional.empty()
                : ps.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst();
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private void editSource(String ns, String name, String key, String value) {
        client.secrets().inNamespace(ns).withName(name).edit(s -> {
            s.getData().put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            return s;
        });
    }

    @Test
    void pushesOnlyOnChangeAndAtOnceWhenTheSourceChanges() {
        String ns = newNamespace();
        client.resource(fakeStore(ns, "fake", Map.of("unrelated", "v"))).create();
        client.resource(secret(ns, "source", Map.of("token", "t-1", "user", "admin"))).create();
        pushSecret(ns, "push", """
                refreshInterval: 1h
                secretStoreRefs: [{name: fake, kind: SecretStore}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: token, remoteRef: {remoteKey: app-token}}
                - match: {secretKey: user, remoteRef: {remoteKey: app, property: username}}
                """);
        PushSecret ps = awaitReady(ns, "push", "True", "Synced");
        FakePushedSecrets.Store pushed = pushedTo(ns, "fake");
        assertThat(text(pushed.value("app-token"))).isEqualTo("t-1");
        assertThat(text(pushed.value("app"))).isEqualTo("{\"username\":\"admin\"}");
        assertThat(pushed.writes()).isEqualTo(2);
        assertThat(ps.getStatus().syncedPushSecrets).containsOnlyKeys("SecretStore/fake");
        assertThat(ps.getStatus().syncedPushSecrets.get("SecretStore/fake")).containsOnlyKeys("app-token", "app/username");
        assertThat(ps.getStatus().refreshTime).isNotNull();
        assertThat(ps.getStatus().syncedResourceVersion).startsWith("1-");

        // a change that does not touch the pushed keys is pushed again, but the provider holds it
        // already: nothing written
        editSource(ns, "source", "other", "x");
        // the source changes: pushed at once (the refresh interval is an hour), one write
        editSource(ns, "source", "token", "t-2");
        Await.await().until(() -> "t-2".equals(text(pushed.value("app-token"))));
        Await.await().during(java.time.Duration.ofSeconds(2)).until(() -> pushed.writes() == 3);
    }

    @Test
    void aLabelSelectorPushesTheSecretsItPicksMergedInNameOrder() {
        String ns = newNamespace();
        client.resource(fakeStore(ns, "fake", Map.of("unrelated", "v"))).create();
        for (String[] s : new String[][] {{"a-first", "db", "from-a"}, {"b-second", "db", "from-b"}, {"c-other", "web", "from-c"}}) {
            Secret source = secret(ns, s[0], Map.of("token", s[2], "only-" + s[0], "x"));
            source.getMetadata().setLabels(Map.of("app", s[1]));
            client.resource(source).create();
        }
        pushSecret(ns, "push", """
                refreshInterval: 1h
                secretStoreRefs: [{name: fake, kind: SecretStore}]
                selector: {secret: {selector: {matchLabels: {app: db}}}}
                data:
                - match: {secretKey: token, remoteRef: {remoteKey: token}}
                - match: {secretKey: only-a-first, remoteRef: {remoteKey: from-a}}
                """);
        awaitReady(ns, "push", "True", "Synced");
        FakePushedSecrets.Store pushed = pushedTo(ns, "fake");
        assertThat(text(pushed.value("token"))).as("the later name wins a key").isEqualTo("from-b");
        assertThat(text(pushed.value("from-a"))).isEqualTo("x");

        // a Secret that comes to match is watched and pushed at once (the refresh interval is an hour)
        client.secrets().inNamespace(ns).withName("c-other").edit(s -> {
            s.getMetadata().setLabels(Map.of("app", "db"));
            return s;
        });
        Await.await().until(() -> "from-c".equals(text(pushed.value("token"))));
    }

    @Test
    void deletionPolicyDeleteRemovesDroppedEntriesAndDroppedStoresOnly() {
        String ns = newNamespace();
        client.resource(fakeStore(ns, "one", Map.of("x", "y"))).create();
        client.resource(fakeStore(ns, "two", Map.of("x", "y"))).create();
        client.resource(secret(ns, "source", Map.of("a", "1", "b", "2"))).create();
        pushSecret(ns, "push", """
                deletionPolicy: Delete
                secretStoreRefs: [{name: one}, {name: two}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: a, remoteRef: {remoteKey: key-a}}
                - match: {secretKey: b, remoteRef: {remoteKey: key-b}}
                """);
        awaitReady(ns, "push", "True", "Synced");
        FakePushedSecrets.Store one = pushedTo(ns, "one");
        FakePushedSecrets.Store two = pushedTo(ns, "two");
        assertThat(text(one.value("key-a"))).isEqualTo("1");
        assertThat(text(two.value("key-b"))).isEqualTo("2");

        // drop entry b and store two
        // (edit, a JSON Patch: the CRUD mock server drops the status on a merge patch of the resource)
        client.resources(PushSecret.class).inNamespace(ns).withName("push").edit(p -> {
            p.getSpec().data.remove(1);
            p.getSpec().secretStoreRefs.remove(1);
            return p;
        });
        Await.await().until(() -> one.value("key-b") == null && two.value("key-a") == null && two.value("key-b") == null);
        assertThat(text(one.value("key-a"))).isEqualTo("1");
        PushSecret ps = awaitReady(ns, "push", "True", "Synced");
        // (the CRUD mock server does not unescape "~1" in JSON Patch paths, so it may also keep an
        // empty "SecretStore~1one" member; a real API server does not)
        Await.await().until(() -> {
            var synced = client.resources(PushSecret.class).inNamespace(ns).withName("push").get().getStatus().syncedPushSecrets;
            return !synced.containsKey("SecretStore/two") && synced.get("SecretStore/one").keySet().equals(java.util.Set.of("key-a"));
        });

        // deleting the PushSecret removes what it pushed
        client.resources(PushSecret.class).inNamespace(ns).withName("push").delete();
        Await.await().until(() -> one.value("key-a") == null
                && client.resources(PushSecret.class).inNamespace(ns).withName("push").get() == null);
    }

    @Test
    void neverOverwritesAnUnmanagedRemoteUnderIfNotExistsAndNeverDeletesOne() {
        String ns = newNamespace();
        client.resource(fakeStore(ns, "fake", Map.of("existing", "theirs"))).create();
        client.resource(secret(ns, "source", Map.of("v", "ours"))).create();
        pushSecret(ns, "push", """
                updatePolicy: IfNotExists
                deletionPolicy: Delete
                secretStoreRefs: [{name: fake}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: v, remoteRef: {remoteKey: existing}}
                - match: {secretKey: v, remoteRef: {remoteKey: fresh}}
                """);
        PushSecret ps = awaitReady(ns, "push", "True", "Synced");
        FakePushedSecrets.Store pushed = pushedTo(ns, "fake");
        assertThat(pushed.value("existing")).as("left as it was").isNull();
        assertThat(text(pushed.value("fresh"))).isEqualTo("ours");
        assertThat(ps.getStatus().syncedPushSecrets.get("SecretStore/fake")).containsOnlyKeys("fresh");

        // IfNotExists does not update what it created either
        editSource(ns, "source", "v", "changed");
        Await.await().during(java.time.Duration.ofSeconds(2)).until(() -> "ours".equals(text(pushed.value("fresh"))));
    }

    @Test
    void pushesToTheKubernetesProviderWithTheMarkerAndRefusesAnUnmarkedSecret() {
        String ns = newNamespace();
        String remoteNs = newNamespace();
        client.resource(secret(ns, "kube-token", Map.of("token", "any"))).create();
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: remote, namespace: %s}
                spec:
                  provider:
                    kubernetes:
                      remoteNamespace: %s
                      auth: {token: {bearerToken: {name: kube-token, key: token}}}
                """.formatted(ns, remoteNs), SecretStore.class)).create();
        client.resource(secret(remoteNs, "not-ours", Map.of("k", "theirs"))).create();
        client.resource(secret(ns, "source", Map.of("tls.crt", "CERT", "tls.key", "KEY"))).create();
        pushSecret(ns, "whole", """
                deletionPolicy: Delete
                secretStoreRefs: [{name: remote}]
                selector: {secret: {name: source}}
                data:
                - match: {remoteRef: {remoteKey: copied}}
                """);
        awaitReady(ns, "whole", "True", "Synced");
        Secret copied = client.secrets().inNamespace(remoteNs).withName("copied").get();
        assertThat(copied.getMetadata().getLabels()).containsEntry("managed-by", "external-secrets");
        assertThat(copied.getData()).containsOnlyKeys("tls.crt", "tls.key");
        String version = copied.getMetadata().getResourceVersion();

        // an unmarked Secret is someone else's: IfNotExists leaves it; a failed push changes nothing
        client.resource(secret(ns, "other", Map.of("k", "ours"))).create();
        pushSecret(ns, "onto-theirs", """
                updatePolicy: IfNotExists
                secretStoreRefs: [{name: remote}]
                selector: {secret: {name: other}}
                data:
                - match: {secretKey: k, remoteRef: {remoteKey: not-ours, property: k}}
                """);
        awaitReady(ns, "onto-theirs", "True", "Synced");
        assertThat(client.secrets().inNamespace(remoteNs).withName("not-ours").get().getData().get("k"))
                .isEqualTo(Base64.getEncoder().encodeToString("theirs".getBytes(StandardCharsets.UTF_8)));

        // deleting the whole-Secret PushSecret deletes the copy
        client.resources(PushSecret.class).inNamespace(ns).withName("whole").delete();
        Await.await().until(() -> client.secrets().inNamespace(remoteNs).withName("copied").get() == null);
        assertThat(version).isNotNull();
    }

    @Test
    void aMissingKeyIsAnErrorAndKeepsWhatWasPushed() {
        String ns = newNamespace();
        client.resource(fakeStore(ns, "fake", Map.of("x", "y"))).create();
        client.resource(secret(ns, "source", Map.of("a", "1"))).create();
        pushSecret(ns, "push", """
                secretStoreRefs: [{name: fake}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: nope, remoteRef: {remoteKey: r}}
                """);
        PushSecret ps = awaitReady(ns, "push", "False", "Errored");
        assertThat(ready(ps).orElseThrow().message).isEqualTo("key \"nope\" not found in the source Secret");
    }
}
