package dev.coffer.provider.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.azure.AzureTestStores;
import dev.coffer.testsupport.azure.FakeKeyVault;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading through the real Key Vault SDK and azure-identity, over HTTPS, against the local fake:
 * the 401 challenge, the client-credentials grant at the store's authority, then the read.
 */
class AzureReadTest extends AzureClientTest {


    @Test
    void readsTheCurrentVersionAfterTheChallengeWithAServicePrincipalToken() {
        t.vault.putSecret("db-password", "first");
        t.vault.putSecret("db-password", "second");
        client = t.client();

        assertThat(utf8(client.getSecret(ref("db-password")))).isEqualTo("second");
        assertThat(utf8(client.getSecret(ref("secret/db-password")))).as("secret/ is the default type").isEqualTo("second");

        FakeKeyVault.TokenCall grant = t.vault.tokenCalls().get(0);
        assertThat(grant.tenant()).isEqualTo(FakeKeyVault.TENANT);
        assertThat(grant.form()).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", AzureTestStores.CLIENT_ID)
                .hasEntrySatisfying("scope", s -> assertThat(s).endsWith(" https://vault.azure.net/.default"));
        assertThat(t.vault.count("GetSecret")).as("the same read within the window is shared").isEqualTo(1);
    }

    @Test
    void aVersionAndAPropertyOfAJsonValue() {
        FakeKeyVault.Version old = t.vault.putSecret("db", "{\"user\":\"old\"}");
        t.vault.putSecret("db", "{\"user\":\"app\",\"nested\":{\"port\":5432},\"dotted.key\":\"d\"}");
        client = t.client();
        String oldVersion = old.id.substring(old.id.lastIndexOf('/') + 1);

        assertThat(utf8(client.getSecret(ref("db", "user", oldVersion)))).isEqualTo("old");
        assertThat(utf8(client.getSecret(ref("db", "user", null)))).isEqualTo("app");
        assertThat(utf8(client.getSecret(ref("db", "nested.port", null)))).isEqualTo("5432");
        assertThat(utf8(client.getSecret(ref("db", "dotted.key", null)))).isEqualTo("d");
        assertThat(client.getSecretMap(ref("db"))).extractingFromEntries(e -> e.getKey() + "=" + utf8(e.getValue()))
                .containsExactly("user=app", "nested={\"port\":5432}", "dotted.key=d");
        assertThatThrownBy(() -> client.getSecret(ref("db", "missing", null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE));
    }

    @Test
    void aMissingSecretIsNotFoundButAMissingVersionOfAnExistingOneIsAMissingValue() {
        t.vault.putSecret("exists", "v");
        client = t.client();

        assertThatThrownBy(() -> client.getSecret(ref("gone")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("secret \"gone\" not found (HTTP 404)");
                });
        assertThatThrownBy(() -> client.getSecret(ref("gone", null, "0123")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> client.getSecret(ref("exists", null, "0123")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE);
                    assertThat(e.getMessage()).isEqualTo("version \"0123\" of secret \"exists\" does not exist (HTTP 404)");
                });
        assertThatThrownBy(() -> client.getSecret(ref("key/gone")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> client.getSecret(ref("other/x")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void aCertificateIsItsDerBytesAndAKeyItsJwkAsJson() throws Exception {
        byte[] der = t.pki.server().cert().getEncoded();
        t.vault.putCertificate("tls", der);
        t.vault.putKey("signing", new ObjectMapper().readTree(
                "{\"kty\":\"RSA\",\"key_ops\":[\"sign\",\"verify\"],\"n\":\"AQAB_w\",\"e\":\"AQAB\"}"));
        client = t.client();

        assertThat(client.getSecret(ref("cert/tls"))).isEqualTo(der);
        String kid = t.vault.versions("keys", "signing").get(0).id;
        assertThat(utf8(client.getSecret(ref("key/signing"))))
                .isEqualTo("{\"kid\":\"" + kid + "\",\"kty\":\"RSA\",\"key_ops\":[\"sign\",\"verify\"],\"n\":\"AQAB_w\",\"e\":\"AQAB\"}");
        assertThat(utf8(client.getSecret(ref("key/signing", "kty", null)))).isEqualTo("RSA");
        assertThatThrownBy(() -> client.getSecretMap(ref("cert/tls")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage()).contains("cannot read a certificate"));
    }

    @Test
    void metadataPolicyFetchReadsTagsAndAttributes() {
        FakeKeyVault.Version v = t.vault.putSecret("tagged", "value");
        v.tags.put("owner", "team-a");
        v.tags.put("conf", "{\"region\":\"eu\"}");
        v.expires = Instant.parse("2027-05-06T07:08:09Z").getEpochSecond();
        client = t.client();

        assertThat(utf8(client.getSecret(fetch("tagged", null)))).isEqualTo("{\"attribute.created\":\"2026-01-02T03:04:05Z\","
                + "\"attribute.expires\":\"2027-05-06T07:08:09Z\",\"attribute.updated\":\"2026-01-02T03:04:05Z\","
                + "\"conf\":\"{\\\"region\\\":\\\"eu\\\"}\",\"owner\":\"team-a\"}");
        assertThat(utf8(client.getSecret(fetch("tagged", "owner")))).isEqualTo("team-a");
        assertThat(utf8(client.getSecret(fetch("tagged", "conf.region")))).isEqualTo("eu");
        assertThat(utf8(client.getSecret(fetch("tagged", "attribute.expires")))).isEqualTo("2027-05-06T07:08:09Z");
        assertThatThrownBy(() -> client.getSecret(fetch("tagged", "nope")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE));
        assertThat(client.getSecretMap(fetch("tagged", null))).extractingFromEntries(e -> e.getKey() + "=" + utf8(e.getValue()))
                .containsExactly("tagged_attribute.created=2026-01-02T03:04:05Z", "tagged_attribute.expires=2027-05-06T07:08:09Z",
                        "tagged_attribute.updated=2026-01-02T03:04:05Z", "tagged_conf_region=eu", "tagged_owner=team-a");
    }

    @Test
    void findByNameRegexpAndTagsListsTheVaultOnceForEveryFindInTheWindow() {
        for (int i = 0; i < 60; i++) {
            FakeKeyVault.Version v = t.vault.putSecret("app-" + i, "v" + i);
            v.tags.put("env", i % 2 == 0 ? "prod" : "dev");
        }
        t.vault.putSecret("other", "o");
        t.vault.putSecret("app-disabled", "x").enabled = false;
        client = t.client();

        Map<String, byte[]> prod = client.getAllSecrets(find("^app-1", Map.of("env", "prod")));
        assertThat(prod.keySet()).containsExactlyInAnyOrder("app-10", "app-12", "app-14", "app-16", "app-18");
        assertThat(utf8(prod.get("app-12"))).isEqualTo("v12");
        assertThat(client.getAllSecrets(find("(?P<n>app)-5\\d$", Map.of()))).hasSize(10);
        assertThat(client.getAllSecrets(find(null, Map.of()))).as("no filter: every enabled secret").hasSize(61);

        // 62 secrets in pages of 25: three pages, listed once for the three finds.
        assertThat(t.vault.count("GetSecrets")).isEqualTo(3);
    }

    private static ExternalSecretDataRemoteRef fetch(String key, String property) {
        ExternalSecretDataRemoteRef ref = ref(key, property, null);
        ref.metadataPolicy = MetadataPolicy.Fetch;
        return ref;
    }

    private static ExternalSecretFind find(String regexp, Map<String, String> tags) {
        ExternalSecretFind find = new ExternalSecretFind();
        if (regexp != null) {
            find.name = new FindName();
            find.name.regexp = regexp;
        }
        find.tags = tags;
        return find;
    }
}
