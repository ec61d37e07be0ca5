package dev.coffer.peers.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.peers.VaultDevServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token reuse, counted by the real Vault's audit log: 1,000 ExternalSecrets on one AppRole
 * SecretStore, synced by the real reconciler (against the mock API server), then all force-synced
 * once more, make one login and 2,000 KV reads.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag("peers")
class VaultTokenReusePeerTest extends OperatorTest {

    private static final int EXTERNAL_SECRETS = 1_000;

    @Test
    void thousandExternalSecretsLogInOnce() {
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

            String ns = newNamespace();
            client.secrets().inNamespace(ns).resource(TestResources.secret(ns, "approle", Map.of("secret-id", secretId))).create();
            client.resource(TestResources.secretStore(ns, "vault", """
                    vault:
                      server: %s
                      path: secret
                      version: v2
                      auth:
                        appRole:
                          path: approle
                          roleId: %s
                          secretRef: {name: approle, key: secret-id}
                    """.formatted(vault.url(), roleId))).create();
            long start = System.nanoTime();
            for (int i = 0; i < EXTERNAL_SECRETS; i++) {
                client.resource(TestResources.externalSecretOn(ns, "app-" + i, "SecretStore", "vault", """
                          target: {name: app-%d}
                          data:
                          - secretKey: password
                            remoteRef: {key: apps/app-%d, property: password}
                        """.formatted(i, i))).create();
            }
            awaitAllSecrets(ns);
            long firstMs = (System.nanoTime() - start) / 1_000_000;
            int readsAfterFirst = vault.auditedRequests(audit, "secret/data/apps/app-\\d+").size();

            // every ExternalSecret once more: force-sync, as `kubectl annotate es force-sync=...` does
            for (int i = 0; i < EXTERNAL_SECRETS; i++) {
                forceSync(ns, "app-" + i);
            }
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> vault.auditedRequests(audit, "secret/data/apps/app-\\d+").size() >= 2 * EXTERNAL_SECRETS);
            long totalMs = (System.nanoTime() - start) / 1_000_000;

            int logins = vault.auditedRequests(audit, "auth/approle/login").size();
            int reads = vault.auditedRequests(audit, "secret/data/apps/app-\\d+").size();
            System.out.printf("vault: %d ExternalSecrets synced by the reconciler (%d ms), then force-synced (%d ms in all):"
                    + " %d login(s), %d KV reads (%d after the first round)%n", EXTERNAL_SECRETS, firstMs, totalMs, logins, reads,
                    readsAfterFirst);
            assertThat(readsAfterFirst).isEqualTo(EXTERNAL_SECRETS);
            assertThat(reads).isEqualTo(2 * EXTERNAL_SECRETS);
            assertThat(logins).as("one token serves every ExternalSecret of the store").isEqualTo(1);
        }
    }

    /** Waits until each ExternalSecret's Secret holds its value. */
    private void awaitAllSecrets(String ns) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Secret> secrets = client.secrets().inNamespace(ns).list().getItems();
            long right = secrets.stream().filter(s -> s.getMetadata().getName().startsWith("app-")
                    && ("pw-" + s.getMetadata().getName().substring(4)).equals(decoded(s, "password"))).count();
            return right == EXTERNAL_SECRETS;
        });
        assertThat(client.resources(ExternalSecret.class).inNamespace(ns).list().getItems()).hasSize(EXTERNAL_SECRETS);
    }
}
