package dev.coffer.examples;

import dev.coffer.api.externalsecrets.v1.ClusterExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.cli.ManifestApplier;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.fake.FakePushedSecrets;
import dev.coffer.provider.fake.FakeProviderImpl;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/push-secret and examples/cluster-external-secret, applied as the embedded mode applies
 * them. The push example is also the round trip: a generated password pushed to a store and read
 * back by an ExternalSecret, byte for byte.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PushExamplesTest {

    @Inject
    KubernetesClient client;

    @Inject
    ProviderRegistry registry;

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void pushExamplesPushAndAnExternalSecretReadsTheRotatedPasswordBack() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "push-secret")));
        SecretStore store = client.resources(SecretStore.class).inNamespace("push-demo").withName("backup").get();
        FakePushedSecrets.Store pushed = ((FakeProviderImpl) registry.forBlock(store.getSpec().provider)).pushed()
                .of(new StoreIdentity(StoreIdentity.SECRET_STORE, "push-demo", "backup"));

        Await.await().until(() -> pushed.value("app/password") != null && pushed.value("app/dsn") != null
                && pushed.value("db/rotated-password") != null);
        assertThat(text(pushed.value("app/password"))).isEqualTo("made-in-the-cluster");
        assertThat(text(pushed.value("app/config"))).isEqualTo("{\"user\":\"app_user\"}");
        assertThat(text(pushed.value("app/dsn")))
                .isEqualTo("{\"dsn\":\"postgres://app_user:made-in-the-cluster@db.push-demo.svc:5432/app\"}");
        String rotated = text(pushed.value("db/rotated-password"));
        assertThat(rotated).hasSize(24);

        // the round trip: the ExternalSecret of the example reads the pushed password back
        Await.synced(client, "push-demo", "db-password");
        assertThat(decoded(client.secrets().inNamespace("push-demo").withName("db-password").get(), "password")).isEqualTo(rotated);
        Await.await().until(() -> {
            PushSecret ps = client.resources(PushSecret.class).inNamespace("push-demo").withName("app-credentials").get();
            return ps.getStatus() != null && ps.getStatus().syncedPushSecrets != null
                    && ps.getStatus().syncedPushSecrets.get("SecretStore/backup").keySet().containsAll(List.of("app/password", "app/config/user"));
        });
        Await.await().until(() -> {
            SecretStore s = client.resources(SecretStore.class).inNamespace("push-demo").withName("backup").get();
            return s.getStatus() != null && "ReadWrite".equals(s.getStatus().capabilities);
        });
    }

    @Test
    void clusterExternalSecretExampleStampsTheLabelledAndNamedNamespaces() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "cluster-external-secret")));
        for (String ns : List.of("team-a", "team-b", "team-c")) {
            Await.synced(client, ns, "registry-token");
            assertThat(decoded(client.secrets().inNamespace(ns).withName("registry-token").get(), "token"))
                    .isEqualTo("demo-registry-token");
        }
        Await.await().until(() -> {
            ClusterExternalSecret ces = client.resources(ClusterExternalSecret.class).withName("registry-token").get();
            return ces.getStatus() != null && List.of("team-a", "team-b", "team-c").equals(ces.getStatus().provisionedNamespaces);
        });
        assertThat(client.resources(ExternalSecret.class).inNamespace("team-a").withName("registry-token").get()
                .getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "shared-config");
    }
}
