package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14, defect 2: what the operator keeps per resource goes with the resource. For each
 * cache, 1,000 resources are created, seen to fill it, deleted, and it must be back to its size
 * before: store clients (closed, so a Vault token is revoked), retry backoffs, metric series of
 * ExternalSecrets and SealedSecrets, and the key each SealedSecret last opened with.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ReleaseOnDeleteTest extends OperatorTest {

    private static final int N = Integer.getInteger("release.n", 1_000);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Inject
    ClientCache clients;
    @Inject
    ExternalSecretReconciler externalSecrets;
    @Inject
    KeyRegistry keys;
    @Inject
    PrometheusMeterRegistry meters; // where the per-ExternalSecret series are kept (OperatorBeans)

    @Test
    void deletedStoresCloseTheirClients() {
        String ns = newNamespace();
        assertThat(clients.size(ns)).isZero();
        IntStream.range(0, N).parallel().forEach(i -> client.resource(TestResources.fakeStore(ns, "s" + i, Map.of("k", "v"))).create());
        await().atMost(PATIENCE).until(() -> clients.size(ns) == N);
        // deleted once settled (Ready written), so no status write races the delete
        await().atMost(PATIENCE).until(() -> client.resources(SecretStore.class).inNamespace(ns).list().getItems().stream()
                .filter(st -> st.getStatus() != null && st.getStatus().conditions != null && !st.getStatus().conditions.isEmpty())
                .count() == N);

        IntStream.range(0, N).parallel().forEach(i -> client.resources(SecretStore.class).inNamespace(ns).withName("s" + i).delete());
        await().atMost(PATIENCE).until(() -> clients.size(ns) == 0);
    }

    @Test
    void deletedExternalSecretsLeaveNoBackoffAndNoSeries() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("k", "v"));
        int backingOffBefore = externalSecrets.backingOff();
        assertThat(series(ns, "externalsecret_")).isZero();
        IntStream.range(0, N).parallel().forEach(i -> createExternalSecret(ns, "es" + i, """
                  data:
                  - secretKey: v
                    remoteRef: {key: missing}
                """));
        // every one fails (not found), so each backs off and has its series
        await().atMost(PATIENCE).until(() -> externalSecrets.backingOff() >= backingOffBefore + N
                && seriesOf(ns, "externalsecret_status_condition") == 2 * N);
        assertThat(series(ns, "externalsecret_sync_calls_error")).isEqualTo(N);

        IntStream.range(0, N).parallel().forEach(i -> client.resources(ExternalSecret.class).inNamespace(ns).withName("es" + i).delete());
        await().atMost(PATIENCE).until(() -> client.resources(ExternalSecret.class).inNamespace(ns).list().getItems().isEmpty());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(externalSecrets.backingOff()).isEqualTo(backingOffBefore);
            assertThat(series(ns, "externalsecret_")).isZero();
        });
    }

    @Test
    void deletedSealedSecretsLeaveNoKeyHintAndNoSeries() throws Exception {
        String ns = newNamespace();
        await().atMost(PATIENCE).until(() -> keys.ring().newest().isPresent());
        SealedSecretSealer sealer = new SealedSecretSealer(keys.ring().newest().orElseThrow().publicKey(), new SecureRandom());
        int rememberedBefore = keys.remembered();
        assertThat(series(ns, "sealed_secrets_")).isZero();
        IntStream.range(0, N).parallel().forEach(i -> {
            Secret plain = new SecretBuilder().withNewMetadata().withName("ss" + i).withNamespace(ns).endMetadata()
                    .addToData("k", Base64.getEncoder().encodeToString(("v" + i).getBytes())).build();
            try {
                client.resource(sealer.seal(plain, Scope.STRICT)).create();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(PATIENCE).until(() -> keys.remembered() >= rememberedBefore + N
                && series(ns, "sealed_secrets_controller_condition_info") == N);
        await().atMost(PATIENCE).until(() -> client.resources(SealedSecret.class).inNamespace(ns).list().getItems().stream()
                .filter(ss -> ss.getStatus() != null && ss.getStatus().getConditions() != null
                        && !ss.getStatus().getConditions().isEmpty()).count() == N);

        IntStream.range(0, N).parallel().forEach(i -> client.resources(SealedSecret.class).inNamespace(ns).withName("ss" + i).delete());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(keys.remembered()).isEqualTo(rememberedBefore);
            assertThat(series(ns, "sealed_secrets_controller_condition_info")).isZero();
        });
    }

    /** Series whose name starts with {@code prefix} and that carry this namespace (per-resource series). */
    private long series(String ns, String prefix) {
        return meters.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith(prefix) && ns.equals(id.getTag("namespace")) && id.getTag("name") != null)
                .count();
    }

    private long seriesOf(String ns, String name) {
        return meters.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().equals(name) && ns.equals(id.getTag("namespace"))).count();
    }
}
