package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultAppRole;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;

/** The happy path against a real Vault in dev mode: KV v2 reads with a root token and with AppRole. Skips without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class VaultContainerTest {

    private static final String ROOT = "coffer-root";

    @Container
    private static final GenericContainer<?> VAULT = new GenericContainer<>("hashicorp/vault:1.17")
            .withEnv("VAULT_DEV_ROOT_TOKEN_ID", ROOT)
            .withEnv("VAULT_DEV_LISTEN_ADDRESS", "0.0.0.0:8200")
            .withEnv("VAULT_ADDR", "http://127.0.0.1:8200")
            .withEnv("VAULT_TOKEN", ROOT)
            .withExposedPorts(8200)
            .waitingFor(Wait.forHttp("/v1/sys/health").forStatusCode(200));

    /** Runs a shell command with the vault CLI inside the container and returns its output. */
    private static String sh(String command) throws Exception {
        var r = VAULT.execInContainer("sh", "-c", command);
        assertThat(r.getExitCode()).as(r.getStderr()).isZero();
        return r.getStdout().trim();
    }

    private static String read(VaultProvider v, InMemoryKube kube) {
        try (SecretsClient c = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"))
                .newClient(VaultStores.context(v, kube))) {
            c.validate();
            return new String(c.getSecret(remote("app/db", "password")), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsKvV2WithATokenAndWithAppRole() throws Exception {
        sh("vault kv put secret/app/db password=s3cret");
        sh("vault auth enable approle");
        sh("echo 'path \"secret/data/*\" { capabilities = [\"read\"] }' | vault policy write read-app -");
        sh("vault write auth/approle/role/coffer token_policies=read-app token_ttl=1h token_max_ttl=4h");
        String roleId = sh("vault read -field=role_id auth/approle/role/coffer/role-id");
        String secretId = sh("vault write -f -field=secret_id auth/approle/role/coffer/secret-id");

        String server = "http://" + VAULT.getHost() + ":" + VAULT.getMappedPort(8200);
        InMemoryKube kube = new InMemoryKube()
                .secret(VaultStores.NAMESPACE, "vault", Map.of("token", ROOT))
                .secret(VaultStores.NAMESPACE, "approle", Map.of("secret-id", secretId));

        VaultProvider token = VaultStores.kv2(server);
        token.auth.tokenSecretRef = ref("vault", "token");
        assertThat(read(token, kube)).isEqualTo("s3cret");

        VaultProvider appRole = VaultStores.kv2(server);
        appRole.auth.appRole = new VaultAppRole();
        appRole.auth.appRole.path = "approle";
        appRole.auth.appRole.roleId = roleId;
        appRole.auth.appRole.secretRef = ref("approle", "secret-id");
        assertThat(read(appRole, kube)).isEqualTo("s3cret");
        // close() revoked the AppRole token: only the root token is left
        assertThat(sh("vault list -format=json auth/token/accessors")).satisfies(
                json -> assertThat(json.split("\",").length).isEqualTo(1));
    }
}
