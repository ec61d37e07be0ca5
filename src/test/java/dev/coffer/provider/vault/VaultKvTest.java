package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.VaultKVStoreVersion;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KV v1/v2 reads, properties, versions, metadata and find, through the real driver against a local Vault. */
class VaultKvTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
    private VaultTestServer vault;
    private SecretsClient client;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2).mount("kv1", 1).token("root-token", 0, false);
        vault.put("secret", "app/db", Map.of("user", "admin", "password", "v1-pass"));
        vault.put("secret", "app/db", Map.of("user", "admin", "password", "v2-pass",
                "nested", Map.of("host", "db.local", "ports", List.of(5432, 5433))));
        vault.put("secret", "app/api", Map.of("key", "api-key"));
        vault.put("secret", "other/x", Map.of("k", "v"));
        vault.customMetadata("secret", "app/db", Map.of("team", "payments", "env", "prod"));
        vault.customMetadata("secret", "app/api", Map.of("team", "web", "env", "prod"));
        vault.put("kv1", "legacy/creds", Map.of("user", "old"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    private SecretsClient client(VaultProvider v) {
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
        return client;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void v2ReadsTheCurrentVersionAsSortedJsonAndAProperty() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThat(str(c.getSecret(remote("app/api")))).isEqualTo("{\"key\":\"api-key\"}");
        assertThat(str(c.getSecret(remote("app/db", "password")))).isEqualTo("v2-pass");
        assertThat(str(c.getSecret(remote("app/db")))).startsWith("{\"nested\":{").contains("\"password\":\"v2-pass\"");
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.path()).isEqualTo("secret/data/app/db"));
    }

    @Test
    void propertyTakesNestedPathsAndListIndexes() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThat(str(c.getSecret(remote("app/db", "nested.host")))).isEqualTo("db.local");
        assertThat(str(c.getSecret(remote("app/db", "nested.ports.1")))).isEqualTo("5433");
        assertThat(str(c.getSecret(remote("app/db", "nested")))).isEqualTo("{\"host\":\"db.local\",\"ports\":[5432,5433]}");
        assertThatThrownBy(() -> c.getSecret(remote("app/db", "nested.missing")))
                .isInstanceOf(ProviderException.class).extracting("kind").isEqualTo(ProviderException.Kind.MISSING_VALUE);
    }

    @Test
    void versionIsHonouredAndAMissingVersionIsNotFound() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretDataRemoteRef r = remote("app/db", "password");
        r.version = "1";
        assertThat(str(c.getSecret(r))).isEqualTo("v1-pass");
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.query()).isEqualTo("version=1"));
        r.version = "7";
        assertThatThrownBy(() -> c.getSecret(r)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("secret/data/app/db").hasMessageContaining("version 7")
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
    }

    @Test
    void aDeletedVersionAndAMissingPathAreNotFound() {
        vault.deleteVersion("secret", "app/api", 1);
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThatThrownBy(() -> c.getSecret(remote("app/api"))).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> c.getSecret(remote("app/nope"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("secret/data/app/nope")
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
    }

    @Test
    void keysMayRepeatTheMountOrOmitItWithoutAStorePath() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        assertThat(str(c.getSecret(remote("secret/app/api", "key")))).isEqualTo("api-key");
        assertThat(str(c.getSecret(remote("secret/data/app/api", "key")))).isEqualTo("api-key");
        client.close();
        VaultProvider noPath = VaultStores.kv2(vault.url());
        noPath.path = null;
        SecretsClient c2 = client(noPath);
        assertThat(str(c2.getSecret(remote("secret/app/api", "key")))).isEqualTo("api-key");
    }

    @Test
    void v1ReadsThePathAsIs() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.path = "kv1";
        v.version = VaultKVStoreVersion.v1;
        SecretsClient c = client(v);
        assertThat(str(c.getSecret(remote("legacy/creds", "user")))).isEqualTo("old");
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.path()).isEqualTo("kv1/legacy/creds"));
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
        Map<String, byte[]> nested = c.getSecretMap(remote("app/db", "nested"));
        assertThat(str(nested.get("host"))).isEqualTo("db.local");
    }

    @Test
    void metadataFetchReadsCustomMetadata() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretDataRemoteRef r = remote("app/db", "team");
        r.metadataPolicy = MetadataPolicy.Fetch;
        assertThat(str(c.getSecret(r))).isEqualTo("payments");
        r.property = null;
        assertThat(str(c.getSecret(r))).contains("\"env\":\"prod\"").contains("\"current_version\":\"2\"");
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.path()).isEqualTo("secret/metadata/app/db"));
    }

    @Test
    void aMetadata404ForASecretWhoseDataExistsIsAPlainErrorNotNotFound() {
        vault.hideMetadata("secret", "app/db");
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretDataRemoteRef r = remote("app/db", "team");
        r.metadataPolicy = MetadataPolicy.Fetch;
        assertThatThrownBy(() -> c.getSecret(r)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("metadata of secret \"app/db\"")
                .extracting("kind").isEqualTo(ProviderException.Kind.MISSING_VALUE);
        assertThat(str(c.getSecret(remote("app/db", "password")))).isNotEmpty();
    }

    @Test
    void a404OutsideTheSecretReadIsAConfigurationErrorNotNotFound() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretFind find = new ExternalSecretFind();
        find.path = "no-such-folder";
        find.name = new FindName();
        find.name.regexp = ".*";
        assertThatThrownBy(() -> c.getAllSecrets(find)).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void findByNameWalksTheMetadataListingRecursively() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretFind f = new ExternalSecretFind();
        f.name = new FindName();
        f.name.regexp = "^app/";
        Map<String, byte[]> found = c.getAllSecrets(f);
        assertThat(found).containsOnlyKeys("app/api", "app/db");
        assertThat(str(found.get("app/api"))).isEqualTo("{\"key\":\"api-key\"}");
        assertThat(vault.count("kv-list")).isEqualTo(3); // root, app/, other/
    }

    @Test
    void findByPathAndTags() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        ExternalSecretFind f = new ExternalSecretFind();
        f.path = "app";
        f.tags = Map.of("env", "prod", "team", "web");
        assertThat(c.getAllSecrets(f)).containsOnlyKeys("app/api");
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.path()).isEqualTo("secret/metadata/app/"));
        f.tags = Map.of("env", "prod");
        assertThat(c.getAllSecrets(f)).containsOnlyKeys("app/api", "app/db");
    }

    @Test
    void namespaceAndCustomHeadersAndConsistencyHeadersAreSent() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.namespace = "team-a";
        v.headers = Map.of("X-Org", "coffer");
        v.readYourWrites = true;
        v.forwardInconsistent = true;
        SecretsClient c = client(v);
        c.getSecret(remote("app/api"));
        c.getSecret(remote("app/api"));
        List<VaultTestServer.Seen> reads = vault.seen();
        VaultTestServer.Seen first = reads.get(0);
        VaultTestServer.Seen second = reads.get(1);
        assertThat(first.namespace()).isEqualTo("team-a");
        assertThat(first.headers()).containsEntry("x-org", "coffer").containsEntry("x-vault-inconsistent", "forward-active-node")
                .doesNotContainKey("x-vault-index");
        // the index Vault returned with the first answer goes out with the next request
        assertThat(second.headers().get("x-vault-index")).startsWith("state-");
    }
}
