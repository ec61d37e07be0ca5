package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretCondition;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretTemplateMetadata;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.testsupport.LogCapture;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SealedSecretReconcilerTest {

    static final String CANARY = "canary-0d2b6c4e-plaintext";
    static LogCapture logs;

    @Inject
    KubernetesClient client;
    @Inject
    KeyRegistry keys;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void stopCapture() {
        logs.close();
    }

    RSAPublicKey key() {
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newest().isPresent());
        return keys.ring().newest().orElseThrow().publicKey();
    }


    SealedSecret create(SealedSecret sealedSecret) {
        return client.resource(sealedSecret).create();
    }

    Secret secret(String ns, String name) {
        return client.secrets().inNamespace(ns).withName(name).get();
    }

    SealedSecretCondition condition(String ns, String name) {
        SealedSecret live = client.resources(SealedSecret.class).inNamespace(ns).withName(name).get();
        return live.getStatus() == null || live.getStatus().getConditions().isEmpty() ? null
                : live.getStatus().getConditions().get(0);
    }

    List<Event> events(String ns, String name) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    void awaitSynced(String ns, String name, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SealedSecretCondition c = condition(ns, name);
            assertThat(c).isNotNull();
            assertThat(c.getStatus()).isEqualTo(status);
        });
    }

    @Test
    void strictSealedSecretBecomesItsSecret() {
        SealedSecret ss = Fixtures.sealed(key(), "strict", "db", Scope.STRICT, Map.of("password", CANARY, "user", "admin"));
        ss.getSpec().getTemplate().setType("kubernetes.io/basic-auth");
        ss.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web"));
        ss.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("note", "hello"));
        SealedSecret created = create(ss);

        await().atMost(Duration.ofSeconds(30)).until(() -> secret("strict", "db") != null);
        Secret secret = secret("strict", "db");
        assertThat(Fixtures.text(secret, "password")).isEqualTo(CANARY);
        assertThat(Fixtures.text(secret, "user")).isEqualTo("admin");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("note", "hello");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
        });
        awaitSynced("strict", "db", "True");
        SealedSecret live = client.resources(SealedSecret.class).inNamespace("strict").withName("db").get();
        assertThat(live.getStatus().getObservedGeneration()).isEqualTo(live.getMetadata().getGeneration());
        await().untilAsserted(() -> assertThat(events("strict", "db")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Unsealed");
            assertThat(e.getType()).isEqualTo("Normal");
        }));
    }

    @Test
    void namespaceWideAndClusterWideScopesUnseal() {
        SealedSecret wide = Fixtures.sealed(key(), "scopes", "wide", Scope.NAMESPACE_WIDE, Map.of("k", "ns-wide"));
        SealedSecret cluster = Fixtures.sealed(key(), "scopes", "cluster", Scope.CLUSTER_WIDE, Map.of("k", "cluster-wide"));
        create(wide);
        create(cluster);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(secret("scopes", "wide")).isNotNull();
            assertThat(secret("scopes", "cluster")).isNotNull();
        });
        assertThat(Fixtures.text(secret("scopes", "wide"), "k")).isEqualTo("ns-wide");
        assertThat(Fixtures.text(secret("scopes", "cluster"), "k")).isEqualTo("cluster-wide");
    }

    @Test
    void strictValueMovedToAnotherNamespaceDoesNotUnseal() {
        SealedSecret ss = Fixtures.sealed(key(), "origin", "moved", Scope.STRICT, Map.of("k", CANARY));
        ss.getMetadata().setNamespace("elsewhere");
        ss.getSpec().getTemplate().getMetadata().setNamespace("elsewhere");
        create(ss);
        awaitSynced("elsewhere", "moved", "False");
        assertThat(condition("elsewhere", "moved").getMessage()).contains("no key could decrypt \"k\"");
        assertThat(secret("elsewhere", "moved")).isNull();
        await().untilAsserted(() -> assertThat(events("elsewhere", "moved"))
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ErrUnsealFailed")));
    }

    @Test
    void anUnmanagedSecretIsLeftAloneAndReported() {
        client.secrets().inNamespace("foreign").resource(new SecretBuilder().withNewMetadata().withName("app")
                .endMetadata().addToData("mine", Fixtures.b64("keep")).build()).create();
        create(Fixtures.sealed(key(), "foreign", "app", Scope.STRICT, Map.of("k", CANARY)));
        awaitSynced("foreign", "app", "False");
        assertThat(condition("foreign", "app").getMessage())
                .isEqualTo("Resource \"app\" already exists and is not managed by SealedSecret");
        assertThat(secret("foreign", "app").getData()).containsOnlyKeys("mine");
        await().untilAsserted(() -> assertThat(events("foreign", "app"))
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ErrUpdateFailed")));
    }

    @Test
    void aManagedSecretIsTakenOver() {
        client.secrets().inNamespace("takeover").resource(new SecretBuilder().withNewMetadata().withName("app")
                .addToAnnotations(UnsealedSecretShaper.MANAGED, "true").endMetadata()
                .addToData("old", Fixtures.b64("gone")).build()).create();
        SealedSecret created = create(Fixtures.sealed(key(), "takeover", "app", Scope.STRICT, Map.of("k", "new")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(secret("takeover", "app").getData()).containsOnlyKeys("k"));
        assertThat(secret("takeover", "app").getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
        awaitSynced("takeover", "app", "True");
    }

    @Test
    void aPatchSecretGetsValuesMergedIn() {
        client.secrets().inNamespace("patch").resource(new SecretBuilder().withNewMetadata().withName("app")
                .addToAnnotations(UnsealedSecretShaper.PATCH, "true").addToLabels("team", "a").endMetadata()
                .addToData("other", Fixtures.b64("kept")).addToData("k", Fixtures.b64("old")).build()).create();
        SealedSecret ss = Fixtures.sealed(key(), "patch", "app", Scope.STRICT, Map.of("k", "new"));
        ss.getSpec().getTemplate().getMetadata().setLabels(Map.of("sealed", "yes"));
        create(ss);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Fixtures.text(secret("patch", "app"), "k")).isEqualTo("new"));
        Secret secret = secret("patch", "app");
        assertThat(Fixtures.text(secret, "other")).isEqualTo("kept");
        assertThat(secret.getMetadata().getLabels()).containsEntry("team", "a").containsEntry("sealed", "yes");
    }

    @Test
    void aDeletedSecretIsRecreated() {
        create(Fixtures.sealed(key(), "recreate", "app", Scope.STRICT, Map.of("k", "v")));
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("recreate", "app") != null);
        String uid = secret("recreate", "app").getMetadata().getUid();
        client.secrets().inNamespace("recreate").withName("app").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Secret again = secret("recreate", "app");
            assertThat(again).isNotNull();
            assertThat(again.getMetadata().getUid()).isNotEqualTo(uid);
            assertThat(Fixtures.text(again, "k")).isEqualTo("v");
        });
    }

    @Test
    void anImmutableSecretIsReplacedWhenItsValuesChange() {
        SealedSecret ss = Fixtures.sealed(key(), "immutable", "app", Scope.STRICT, Map.of("k", "v1"));
        ss.getSpec().getTemplate().setImmutable(true);
        create(ss);
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("immutable", "app") != null);
        Secret first = secret("immutable", "app");
        assertThat(first.getImmutable()).isTrue();

        SealedSecret next = Fixtures.sealed(key(), "immutable", "app", Scope.STRICT, Map.of("k", "v2"));
        client.resources(SealedSecret.class).inNamespace("immutable").withName("app")
                .edit(live -> {
                    live.getSpec().setEncryptedData(next.getSpec().getEncryptedData());
                    return live;
                });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Fixtures.text(secret("immutable", "app"), "k")).isEqualTo("v2"));
        Secret second = secret("immutable", "app");
        assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        assertThat(second.getImmutable()).isTrue();
    }

    @Test
    void aBadPayloadKeepsTheExistingSecret() {
        create(Fixtures.sealed(key(), "bad", "app", Scope.STRICT, Map.of("k", CANARY, "j", "x")));
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("bad", "app") != null);
        client.resources(SealedSecret.class).inNamespace("bad").withName("app").edit(live -> {
            live.getSpec().getEncryptedData().put("k", "AgBroken==");
            return live;
        });
        awaitSynced("bad", "app", "False");
        assertThat(condition("bad", "app").getMessage()).contains("\"k\"").doesNotContain(CANARY);
        assertThat(Fixtures.text(secret("bad", "app"), "k")).isEqualTo(CANARY);
        assertThat(secret("bad", "app").getData()).containsOnlyKeys("k", "j");
    }

    @Test
    void resealingTheSameValuesWritesNothing() {
        create(Fixtures.sealed(key(), "noop", "app", Scope.STRICT, Map.of("k", "same")));
        awaitSynced("noop", "app", "True");
        String version = secret("noop", "app").getMetadata().getResourceVersion();
        SealedSecret again = Fixtures.sealed(key(), "noop", "app", Scope.STRICT, Map.of("k", "same"));
        SealedSecret edited = client.resources(SealedSecret.class).inNamespace("noop").withName("app").edit(live -> {
            live.getSpec().setEncryptedData(again.getSpec().getEncryptedData());
            return live;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.resources(SealedSecret.class)
                .inNamespace("noop").withName("app").get().getStatus().getObservedGeneration())
                .isEqualTo(edited.getMetadata().getGeneration()));
        assertThat(secret("noop", "app").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void legacySpecDataUnseals() {
        String secretJson = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"old\"},"
                + "\"data\":{\"k\":\"" + Fixtures.b64("legacy") + "\"}}";
        SealedSecret ss = Fixtures.sealed(key(), "legacy", "old", Scope.STRICT, Map.of());
        ss.getSpec().setData(new dev.coffer.sealing.SealedSecretSealer(key(), new java.security.SecureRandom())
                .sealValue(Scope.STRICT, "legacy", "old", secretJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        create(ss);
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("legacy", "old") != null);
        assertThat(Fixtures.text(secret("legacy", "old"), "k")).isEqualTo("legacy");
    }

    @Test
    void skipSetOwnerReferencesLeavesTheSecretUnowned() {
        SealedSecret ss = Fixtures.sealed(key(), "skip", "app", Scope.STRICT, Map.of("k", "v"));
        ss.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(UnsealedSecretShaper.SKIP_OWNER_REFERENCES, "true"));
        create(ss);
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("skip", "app") != null);
        assertThat(secret("skip", "app").getMetadata().getOwnerReferences()).isNullOrEmpty();
        awaitSynced("skip", "app", "True");
    }

    @Test
    void templateDataIsRenderedWithGoTemplates() {
        SealedSecret ss = Fixtures.sealed(key(), "tmpl", "app", Scope.STRICT, Map.of("k", CANARY));
        ss.getSpec().getTemplate().setData(Map.of("url", "https://{{ .k }}@host"));
        create(ss);
        await().atMost(Duration.ofSeconds(30)).until(() -> secret("tmpl", "app") != null);
        assertThat(Fixtures.text(secret("tmpl", "app"), "url")).isEqualTo("https://" + CANARY + "@host");
    }

    @Test
    void aFailingTemplateIsReportedWithoutItsValues() {
        SealedSecret ss = Fixtures.sealed(key(), "tmpl", "bad", Scope.STRICT, Map.of("k", CANARY));
        ss.getSpec().getTemplate().setData(Map.of("port", "{{ fail .k }}"));
        create(ss);
        awaitSynced("tmpl", "bad", "False");
        assertThat(condition("tmpl", "bad").getMessage()).contains("template.data[\"port\"]").doesNotContain(CANARY);
        assertThat(secret("tmpl", "bad")).isNull();
    }

    @Test
    void severalWorkersUnseal() {
        for (int i = 0; i < 12; i++) {
            create(Fixtures.sealed(key(), "workers", "s" + i, Scope.STRICT, Map.of("k", "v" + i)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.secrets().inNamespace("workers").list().getItems()).hasSize(12));
        assertThat(logs.threadsLogging("unsealed workers/")).hasSizeGreaterThan(1);
    }

    @Test
    void theCanaryNeverShowsOutsideTheSecret() {
        create(Fixtures.sealed(key(), "canary", "app", Scope.STRICT, Map.of("k", CANARY)));
        SealedSecret broken = Fixtures.sealed(key(), "canary-src", "broken", Scope.STRICT, Map.of("k", CANARY));
        broken.getMetadata().setNamespace("canary");
        broken.getSpec().getTemplate().setMetadata(new SealedSecretTemplateMetadata());
        create(broken);
        awaitSynced("canary", "app", "True");
        awaitSynced("canary", "broken", "False");
        assertThat(logs.lines()).noneMatch(l -> l.contains(CANARY)).isNotEmpty();
        assertThat(client.v1().events().inNamespace("canary").list().getItems())
                .isNotEmpty().allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
        assertThat(client.resources(SealedSecret.class).inNamespace("canary").list().getItems())
                .allSatisfy(s -> assertThat(String.valueOf(s.getStatus().getConditions().get(0).getMessage()))
                        .doesNotContain(CANARY));
    }
}
