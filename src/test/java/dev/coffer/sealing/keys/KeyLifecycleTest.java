package dev.coffer.sealing.keys;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealingConfig;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class KeyLifecycleTest {

    @Inject
    KubernetesClient client;
    @Inject
    KeyRegistry registry;
    @Inject
    KeyRenewal renewal;
    @Inject
    SealingConfig config;

    boolean holds(SealingKey key) {
        return registry.ring().newestFirst().stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()));
    }

    @Test
    void aKeyIsGeneratedAtStartupAsALabelledTlsSecret() {
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.ring().newest().isPresent());
        assertThat(client.secrets().inNamespace(config.namespace()).withLabel(KeySecrets.LABEL, "active").list().getItems())
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
                    assertThat(s.getMetadata().getName()).startsWith("sealed-secrets-key");
                });
    }

    @Test
    void aBroughtKeyIsUsedWithoutRestartAndDroppedWhenUnlabelled() {
        SealingKey byok = TestKeys.key(3);
        Secret secret = KeySecrets.toSecret(byok, config.namespace());
        secret.getMetadata().setGenerateName(null);
        secret.getMetadata().setName("byok-pkcs8");
        secret.getData().put("tls.key", Base64.getEncoder().encodeToString(
                KeySecretsTest.pkcs8(byok).getBytes(StandardCharsets.US_ASCII)));
        client.secrets().inNamespace(config.namespace()).resource(secret).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> holds(byok));

        SealedSecret sealed = Fixtures.sealed(byok.publicKey(), "byok", "app", Scope.STRICT, Map.of("k", "brought"));
        client.resource(sealed).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace("byok").withName("app").get() != null);
        assertThat(Fixtures.text(client.secrets().inNamespace("byok").withName("app").get(), "k")).isEqualTo("brought");

        client.secrets().inNamespace(config.namespace()).withName("byok-pkcs8").edit(s -> {
            s.getMetadata().getLabels().remove(KeySecrets.LABEL);
            return s;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !holds(byok));
    }

    @Test
    void aSealedSecretWaitingForItsKeyUnsealsWhenTheKeyArrives() {
        SealingKey late = TestKeys.key(5);
        client.resource(Fixtures.sealed(late.publicKey(), "late", "app", Scope.STRICT, Map.of("k", "waited"))).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SealedSecret waiting = client.resources(SealedSecret.class).inNamespace("late").withName("app").get();
            assertThat(waiting.getStatus()).as("status of the waiting SealedSecret").isNotNull();
            assertThat(waiting.getStatus().getConditions().get(0).getStatus()).isEqualTo("False");
        });
        Secret secret = KeySecrets.toSecret(late, config.namespace());
        client.secrets().inNamespace(config.namespace()).resource(secret).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace("late").withName("app").get() != null);
        assertThat(Fixtures.text(client.secrets().inNamespace("late").withName("app").get(), "k")).isEqualTo("waited");
    }

    @Test
    void renewalAddsANewestKeyAndKeepsTheOldOnes() {
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.ring().newest().isPresent());
        SealingKey before = registry.ring().newest().orElseThrow();
        SealingKey renewed = renewal.renew();
        assertThat(registry.ring().newest().map(SealingKey::fingerprint)).contains(renewed.fingerprint());
        assertThat(holds(before)).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.secrets()
                .inNamespace(config.namespace()).withLabel(KeySecrets.LABEL, "active").list().getItems()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(holds(before)).isTrue();
        assertThat(holds(renewed)).isTrue();
    }

    @Test
    void replicasThatRenewTogetherMakeOneKeyAndHoldIt() {
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.ring().newest().isPresent());
        // a second replica: its own registry with the same view of the keys, the same cluster
        KeyRegistry otherView = new KeyRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        otherView.replace(registry.ring());
        KeyRenewal otherReplica = new KeyRenewal(client, otherView, config);
        int before = activeKeys();
        SealingKey mine = renewal.renew();
        SealingKey theirs = otherReplica.renew();
        assertThat(theirs.fingerprint()).isEqualTo(mine.fingerprint());
        assertThat(otherView.ring().newest().map(SealingKey::fingerprint)).contains(mine.fingerprint());
        assertThat(activeKeys()).isEqualTo(before + 1);
    }

    private int activeKeys() {
        return client.secrets().inNamespace(config.namespace()).withLabel(KeySecrets.LABEL, "active").list().getItems().size();
    }
}
