package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * VaultDynamicSecret through the real reconciler against the local Vault API: one set of
 * credentials per lease, renewals on the lease's schedule, new credentials at the max TTL,
 * revocation on delete, no new credentials on a forced refresh, and outages that keep the Secret.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretVaultDynamicTest extends OperatorTest {

    private final VaultTestServer vault = VaultTestServer.start(Clock.systemUTC()).token("root-token", 0, false);

    @AfterEach
    void stop() {
        vault.close();
    }

    /** A namespace with the Vault token Secret, a VaultDynamicSecret "db" and an ExternalSecret "app" using it. */
    private String setUp() {
        String ns = newNamespace();
        client.secrets().inNamespace(ns).resource(TestResources.secret(ns, "vault-token", Map.of("token", "root-token"))).create();
        client.resource(VaultStores.databaseGenerator(ns, vault.url(), "tokenSecretRef: {name: vault-token, key: token}")).create();
        client.resource(VaultStores.dynamicSecretConsumer(ns)).create();
        return ns;
    }

    private String username(String ns) {
        Secret s = client.secrets().inNamespace(ns).withName("db-credentials").get();
        return s == null ? null : decoded(s, "username");
    }

    @Test
    void leasesAreRenewedThenReplacedAtTheMaxTtlAndRevokedOnDelete() {
        vault.databaseLeases(3, 7, true);
        String ns = setUp();

        ExternalSecret es = Await.synced(client, ns, "app");
        assertThat(username(ns)).isEqualTo("v-app-1");
        assertThat(es.getStatus().generatorState).singleElement().satisfies(s -> {
            assertThat(s.keys).containsExactlyInAnyOrder("username", "password");
            assertThat(s.lease.id).startsWith("database/creds/app/");
            assertThat(s.lease.renewable).isTrue();
        });

        Await.await().until(() -> vault.leaseRenewals() >= 1);
        assertThat(vault.credsIssued()).as("a renewal keeps the credentials").isEqualTo(1);
        assertThat(username(ns)).isEqualTo("v-app-1");

        Await.await().until(() -> "v-app-2".equals(username(ns)));
        assertThat(vault.credsIssued()).as("new credentials once the lease cannot be extended").isEqualTo(2);
        assertThat(vault.leaseRevocations()).isZero();

        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").delete();
        Await.await().until(() -> vault.leaseRevocations() == 1);
        Await.await().until(() -> vault.liveLeases() == 0);
        assertThat(vault.credsIssued()).isEqualTo(2);
    }

    @Test
    void aForcedRefreshWithAValidLeaseKeepsTheCredentials() {
        vault.databaseLeases(3600, 0, true);
        String ns = setUp();
        ExternalSecret es = Await.synced(client, ns, "app");
        String password = decoded(client.secrets().inNamespace(ns).withName("db-credentials").get(), "password");

        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").edit(e -> {
            e.getMetadata().getAnnotations().put("force-sync", "1");
            return e;
        });
        Await.externalSecret(client, ns, "app", c -> "True".equals(c.status));
        Await.await().until(() -> !es.getStatus().syncedResourceVersion.equals(get(ns, "app").getStatus().syncedResourceVersion));

        assertThat(vault.credsIssued()).isEqualTo(1);
        assertThat(vault.leaseRenewals()).isZero();
        assertThat(decoded(client.secrets().inNamespace(ns).withName("db-credentials").get(), "password")).isEqualTo(password);
        assertThat(get(ns, "app").getStatus().generatorState.get(0).lease.id)
                .isEqualTo(es.getStatus().generatorState.get(0).lease.id);
    }

    @Test
    void aSealedVaultAtRenewalTimeIsReadyFalseAndKeepsTheSecret() {
        vault.databaseLeases(8, 0, true);
        String ns = setUp();
        Await.synced(client, ns, "app");
        vault.sealed(true);

        Await.failing(client, ns, "app", "is sealed");
        assertThat(username(ns)).isEqualTo("v-app-1");
        assertThat(vault.credsIssued()).isEqualTo(1);

        vault.sealed(false);
        Await.synced(client, ns, "app");
        assertThat(username(ns)).isNotNull();
    }
}
