package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.api.externalsecrets.v1.providers.VaultUserPassAuth;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token, AppRole and userpass auth against the real Vault, configured through its HTTP API with a
 * read-only policy: each logs in, reads, and (for logins) revokes its own token when the client
 * closes; a refused login is ACCESS_DENIED and names the method, never the credential.
 */
@Tag("peers")
class VaultAuthPeerTest {

    private static final String POLICY = """
            path "secret/data/*" { capabilities = ["read"] }
            path "secret/metadata/*" { capabilities = ["read", "list"] }
            """;

    private static VaultDevServer vault;
    private static String roleId;
    private static String secretId;
    private static String readerToken;

    @BeforeAll
    static void startVault() {
        vault = VaultDevServer.start();
        vault.write("sys/policies/acl/read-app", Map.of("policy", POLICY));
        vault.write("secret/data/app", Map.of("data", Map.of("k", "v")));

        vault.write("sys/auth/approle", Map.of("type", "approle"));
        vault.write("auth/approle/role/coffer", Map.of("token_policies", List.of("read-app"), "token_ttl", "1h",
                "token_max_ttl", "4h"));
        roleId = vault.read("auth/approle/role/coffer/role-id").path("data").path("role_id").asText();
        secretId = vault.write("auth/approle/role/coffer/secret-id", Map.of()).path("data").path("secret_id").asText();

        vault.write("sys/auth/userpass", Map.of("type", "userpass"));
        vault.write("auth/userpass/users/alice", Map.of("password", "alice-pw", "token_policies", List.of("read-app")));

        readerToken = vault.write("auth/token/create", Map.of("policies", List.of("read-app"), "ttl", "1h"))
                .path("auth").path("client_token").asText();
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    private InMemoryKube kube() {
        return new InMemoryKube().secret(VaultStores.NAMESPACE, "creds", Map.of("token", readerToken, "role-id", roleId,
                "secret-id", secretId, "password", "alice-pw", "wrong", "not-the-password"));
    }

    /** Reads secret/app through a fresh client, then closes it; returns the value. */
    private String read(VaultProvider v) {
        try (SecretsClient c = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"))
                .newClient(VaultStores.context(v, kube()))) {
            c.validate();
            return new String(c.getSecret(remote("app", "k")), StandardCharsets.UTF_8);
        }
    }

    /** The accessors of the live tokens (root and token-create ones included). */
    private static List<String> accessors() {
        return vault.list("auth/token/accessors");
    }

    @Test
    void aTokenFromASecretReadsAndIsNotRevokedOnClose() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("creds", "token");
        int before = accessors().size();
        assertThat(read(v)).isEqualTo("v");
        assertThat(accessors()).as("the user's token stays").hasSize(before);
        assertThat(vault.call("GET", "auth/token/lookup-self", null, readerToken).path("data").path("policies").toString())
                .contains("read-app");
    }

    @Test
    void appRoleWithInlineRoleIdAndWithRoleRefLogsInAndRevokesItsTokenOnClose() {
        int before = accessors().size();
        VaultProvider v = VaultStores.kv2(vault.url());
        VaultStores.appRole(v, "approle", roleId, ref("creds", "secret-id"));
        assertThat(read(v)).isEqualTo("v");
        v.auth.appRole.roleId = null;
        v.auth.appRole.roleRef = ref("creds", "role-id");
        assertThat(read(v)).isEqualTo("v");
        assertThat(accessors()).as("each login token was revoked when its client closed").hasSize(before);
    }

    @Test
    void userPassLogsIn() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.userPass = new VaultUserPassAuth();
        v.auth.userPass.path = "userpass";
        v.auth.userPass.username = "alice";
        v.auth.userPass.secretRef = ref("creds", "password");
        assertThat(read(v)).isEqualTo("v");
    }

    @Test
    void refusedLoginsAreAccessDeniedAndNameTheMethodNotTheCredential() {
        VaultProvider up = VaultStores.kv2(vault.url());
        up.auth.userPass = new VaultUserPassAuth();
        up.auth.userPass.path = "userpass";
        up.auth.userPass.username = "alice";
        up.auth.userPass.secretRef = ref("creds", "wrong");
        assertThatThrownBy(() -> read(up)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("userpass").hasMessageContaining("HTTP 400").hasMessageNotContaining("not-the-password")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);

        VaultProvider ar = VaultStores.kv2(vault.url());
        VaultStores.appRole(ar, "approle", roleId, ref("creds", "wrong"));
        assertThatThrownBy(() -> read(ar)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("appRole auth at auth/approle").hasMessageContaining("HTTP 400")
                .hasMessageNotContaining("not-the-password")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void aLoginAtAMountVaultDoesNotHaveIsRefusedAndNamesTheMount() {
        VaultProvider v = VaultStores.kv2(vault.url());
        VaultStores.appRole(v, "app-role", roleId, ref("creds", "secret-id"));
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("appRole auth at auth/app-role")
                .hasMessageNotContaining(secretId)
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void aPathOutsideThePolicyIsAccessDenied() {
        vault.write("sys/mounts/private", Map.of("type", "kv", "options", Map.of("version", "2")));
        vault.write("private/data/app", Map.of("data", Map.of("k", "hidden")));
        VaultProvider v = VaultStores.kv2(vault.url());
        v.path = "private";
        v.auth.tokenSecretRef = ref("creds", "token");
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageNotContaining("hidden")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        JsonNode self = vault.call("GET", "auth/token/lookup-self", null, readerToken);
        assertThat(self.path("data").path("id").asText()).as("the token still works after the 403").isEqualTo(readerToken);
    }
}
