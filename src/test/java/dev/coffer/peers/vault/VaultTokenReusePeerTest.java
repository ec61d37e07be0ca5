package dev.coffer.peers.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.store.ClientCache;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token reuse, counted by the real Vault's audit log: 1,000 ExternalSecrets on one AppRole
 * store, each fetched twice from 16 reconcile workers through the client cache (as the
 * reconciler does), make one login and 2,000 KV reads.
 */
@Tag("peers")
class VaultTokenReusePeerTest {

    private static final int EXTERNAL_SECRETS = 1_000;
    private static final int WORKERS = 16;

    @Test
    void thousandExternalSecretsLogInOnce() throws Exception {
        try (VaultDevServer vault = VaultDevServer.start()) {
            vault.write("sys/policies/acl/read-apps", Map.of("policy", "path \"secret/data/apps/*\" { capabilities = [\"read\"] }"));
            vault.write("sys/auth/approle", Map.of("type", "approle"));
            vault.write("auth/approle/role/coffer", Map.of("token_policies", List.of("read-apps"), "token_ttl", "1h"));
            String roleId = vault.read("auth/approle/role/coffer/role-id").path("data").path("role_id").asText();
            String secretId = vault.write("auth/approle/role/coffer/secret-id", Map.of()).path("data").path("secret_id").asText();
            for (int i = 0; i < EXTERNAL_SECRETS; i++) {
                vault.write("secret/data/apps/app-" + i, Map.of("data", Map.of("password", "pw-" + i)));
            }
            Path audit = vault.enableFileAudit();

            VaultProvider block = VaultStores.appRole(VaultStores.kv2(vault.url()), "approle", roleId, ref("approle", "secret-id"));
            InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "approle", Map.of("secret-id", secretId));
            StoreContext store = VaultStores.context(block, kube);
            VaultProviderImpl provider = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"));

            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            try (ClientCache clients = new ClientCache()) {
                for (int round = 1; round <= 2; round++) {
                    List<Future<Boolean>> fetches = new ArrayList<>();
                    for (int i = 0; i < EXTERNAL_SECRETS; i++) {
                        String key = "apps/app-" + i;
                        String expected = "pw-" + i;
                        fetches.add(workers.submit(() -> expected.equals(new String(
                                clients.get(store, provider).getSecret(remote(key, "password")), StandardCharsets.UTF_8))));
                    }
                    for (Future<Boolean> f : fetches) {
                        assertThat(f.get()).isTrue();
                    }
                }
            } finally {
                workers.shutdownNow();
            }

            int logins = vault.auditedRequests(audit, "auth/approle/login").size();
            int reads = vault.auditedRequests(audit, "secret/data/apps/app-\\d+").size();
            int revocations = vault.auditedRequests(audit, "auth/token/revoke-self").size();
            System.out.printf("vault: %d ExternalSecrets fetched twice: %d login(s), %d KV reads, %d revoke-self on close%n",
                    EXTERNAL_SECRETS, logins, reads, revocations);
            assertThat(logins).isEqualTo(1);
            assertThat(reads).isEqualTo(2 * EXTERNAL_SECRETS);
            assertThat(revocations).as("the cache closed the client, which revoked its token").isEqualTo(1);
        }
    }
}
