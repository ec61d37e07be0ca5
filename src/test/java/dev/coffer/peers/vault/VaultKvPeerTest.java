package dev.coffer.peers.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.VaultKVStoreVersion;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * KV v1 and v2 on the real Vault, through Coffer's vault provider (vault-java-driver): current
 * and pinned versions, properties, deleted and missing versions, metadata, extract, and find
 * by name, path and tags. The same cases as VaultKvTest, which runs them against the local fake.
 */
@Tag("peers")
class VaultKvPeerTest {

    private static VaultDevServer vault;
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", VaultDevServer.ROOT_TOKEN));
    private SecretsClient client;

    @BeforeAll
    static void startVault() {
        vault = VaultDevServer.start();
        // KV v2 is mounted at secret/ in dev mode; add a KV v1 mount
        vault.write("sys/mounts/kv1", Map.of("type", "kv", "options", Map.of("version", "1")));
        vault.write("secret/data/app/db", Map.of("data", Map.of("user", "admin", "password", "v1-pass")));
        vault.write("secret/data/app/db", Map.of("data", Map.of("user", "admin", "password", "v2-pass",
                "nested", Map.of("host", "db.local", "ports", List.of(5432, 5433)))));
        vault.write("secret/data/app/api", Map.of("data", Map.of("key", "api-key")));
        vault.write("secret/data/other/x", Map.of("data", Map.of("k", "v")));
        vault.write("secret/metadata/app/db", Map.of("custom_metadata", Map.of("team", "payments", "env", "prod")));
        vault.write("secret/metadata/app/api", Map.of("custom_metadata", Map.of("team", "web", "env", "prod")));
        vault.write("secret/data/trash/gone", Map.of("data", Map.of("k", "soon deleted")));
        vault.write("secret/delete/trash/gone", Map.of("versions", List.of(1)));
        vault.write("kv1/legacy/creds", Map.of("user", "old"));
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private SecretsClient client(VaultProvider v) {
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
        return client;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void v2ReadsTheCurrentVersionAsJsonAndProperties() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThat(str(c.getSecret(remote("app/api")))).isEqualTo("{\"key\":\"api-key\"}");
        assertThat(str(c.getSecret(remote("app/db", "password")))).isEqualTo("v2-pass");
        assertThat(str(c.getSecret(remote("app/db", "nested.host")))).isEqualTo("db.local");
        assertThat(str(c.getSecret(remote("app/db", "nested.ports.1")))).isEqualTo("5433");
        assertThat(str(c.getSecret(remote("app/db", "nested")))).isEqualTo("{\"host\":\"db.local\",\"ports\":[5432,5433]}");
        assertThatThrownBy(() -> c.getSecret(remote("app/db", "nested.missing")))
                .as("the secret exists: a missing property must not delete the Secret")
                .isInstanceOf(ProviderException.class).extracting("kind").isEqualTo(ProviderException.Kind.MISSING_VALUE);
    }

    @Test
    void aPinnedVersionIsReadAndAMissingOneIsNotFound() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretDataRemoteRef r = remote("app/db", "password");
        r.version = "1";
        assertThat(str(c.getSecret(r))).isEqualTo("v1-pass");
        r.version = "7";
        assertThatThrownBy(() -> c.getSecret(r)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("secret/data/app/db").hasMessageContaining("version 7")
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
    }

    @Test
    void aDeletedVersionAndAMissingPathAreNotFound() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThatThrownBy(() -> c.getSecret(remote("trash/gone"))).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> c.getSecret(remote("app/nope"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("secret/data/app/nope")
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
    }

    @Test
    void keysMayRepeatTheMount() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThat(str(c.getSecret(remote("secret/app/api", "key")))).isEqualTo("api-key");
        assertThat(str(c.getSecret(remote("secret/data/app/api", "key")))).isEqualTo("api-key");
    }

    @Test
    void v1ReadsThePathAsItIsAndHasNoMetadata() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.path = "kv1";
        v.version = VaultKVStoreVersion.v1;
        SecretsClient c = client(v);
        assertThat(str(c.getSecret(remote("legacy/creds", "user")))).isEqualTo("old");
        assertThat(c.getSecretMap(remote("legacy/creds"))).containsOnlyKeys("user");
        ExternalSecretDataRemoteRef meta = remote("legacy/creds");
        meta.metadataPolicy = MetadataPolicy.Fetch;
        assertThatThrownBy(() -> c.getSecret(meta)).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void extractSplitsTheObjectOrANestedProperty() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        Map<String, byte[]> all = c.getSecretMap(remote("app/db"));
        assertThat(all).containsOnlyKeys("user", "password", "nested");
        assertThat(str(all.get("nested"))).isEqualTo("{\"host\":\"db.local\",\"ports\":[5432,5433]}");
        assertThat(str(c.getSecretMap(remote("app/db", "nested")).get("host"))).isEqualTo("db.local");
    }

    @Test
    void metadataFetchReadsCustomMetadata() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretDataRemoteRef r = remote("app/db", "team");
        r.metadataPolicy = MetadataPolicy.Fetch;
        assertThat(str(c.getSecret(r))).isEqualTo("payments");
        r.property = null;
        assertThat(str(c.getSecret(r))).contains("\"env\":\"prod\"");
    }

    @Test
    void findByNameWalksTheListing() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretFind f = new ExternalSecretFind();
        f.name = new FindName();
        f.name.regexp = "^app/";
        Map<String, byte[]> found = c.getAllSecrets(f);
        assertThat(found).containsOnlyKeys("app/api", "app/db");
        assertThat(str(found.get("app/api"))).isEqualTo("{\"key\":\"api-key\"}");
    }

    @Test
    void findByPathAndTags() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretFind f = new ExternalSecretFind();
        f.path = "app";
        f.tags = Map.of("env", "prod", "team", "web");
        assertThat(c.getAllSecrets(f)).containsOnlyKeys("app/api");
        f.tags = Map.of("env", "prod");
        assertThat(c.getAllSecrets(f)).containsOnlyKeys("app/api", "app/db");
    }
}
