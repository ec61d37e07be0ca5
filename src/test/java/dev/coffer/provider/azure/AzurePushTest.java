package dev.coffer.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.azure.AzureTestStores;
import dev.coffer.testsupport.azure.FakeKeyVault;
import dev.coffer.testsupport.vault.VaultTestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushing secrets, keys and certificates through the real SDK to the local Key Vault. */
class AzurePushTest extends AzureClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SecretsPusher pusher;

    @BeforeEach
    void open() {
        client = t.client();
        pusher = client.pusher().orElseThrow();
    }

    @Test
    void aSecretIsCreatedWithTheMarkerAndMetadataAndRewrittenOnlyOnChange() throws Exception {
        JsonNode meta = JSON.readTree("""
                {"apiVersion":"kubernetes.external-secrets.io/v1alpha1","kind":"PushSecretMetadata",
                 "spec":{"expirationDate":"2027-01-02T03:04:05Z","contentType":"text/plain","tags":{"team":"a"}}}""");
        PushRemoteRef ref = new PushRemoteRef("db-password", null, meta);

        assertThat(pusher.push(value(ref, "s3cret"))).isEqualTo(PushOutcome.CREATED);
        FakeKeyVault.Version v = latest("secrets", "db-password");
        assertThat(v.value).isEqualTo("s3cret");
        assertThat(v.tags).containsEntry("managed-by", "external-secrets").containsEntry("team", "a");
        assertThat(v.contentType).isEqualTo("text/plain");
        assertThat(v.expires).isEqualTo(Instant.parse("2027-01-02T03:04:05Z").getEpochSecond());

        assertThat(pusher.push(value(ref, "s3cret"))).as("no new version for the same value").isEqualTo(PushOutcome.UNCHANGED);
        assertThat(pusher.push(value(ref, "rotated"))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.vault.versions("secrets", "db-password")).hasSize(2);
        assertThat(pusher.exists(ref)).isTrue();
    }

    @Test
    void aPropertyIsMergedIntoTheJsonValueAndRemovedAlone() {
        PushRemoteRef user = PushRemoteRef.of("secret/app", "user");
        PushRemoteRef pass = PushRemoteRef.of("secret/app", "password");
        pusher.push(value(user, "app"));
        pusher.push(value(pass, "pw"));
        assertThat(latest("secrets", "app").value).isEqualTo("{\"user\":\"app\",\"password\":\"pw\"}");
        assertThat(pusher.exists(pass)).isTrue();

        assertThat(pusher.delete(pass)).isTrue();
        assertThat(latest("secrets", "app").value).isEqualTo("{\"user\":\"app\"}");
        assertThat(pusher.delete(user)).as("the last member takes the secret with it").isTrue();
        assertThat(t.vault.versions("secrets", "app")).isEmpty();
    }

    @Test
    void anUnmanagedSecretIsLeftAloneUnlessReplaceAndNeverDeleted() {
        t.vault.putSecret("theirs", "original");
        PushRemoteRef ref = PushRemoteRef.of("theirs", null);

        assertThatThrownBy(() -> pusher.push(value(ref, "mine")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).isEqualTo("secret \"theirs\" exists and is not managed by external-secrets");
                });
        assertThat(t.vault.writes()).isEmpty();
        assertThat(pusher.delete(ref)).isFalse();
        assertThat(t.vault.count("DeleteSecret")).isZero();

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("mine"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(latest("secrets", "theirs").tags).as("overwritten under Replace, still unmarked").doesNotContainKey("managed-by");
        assertThat(pusher.delete(ref)).isFalse();
    }

    @Test
    void theMarkerCannotBeSetThroughMetadataAndABadDateIsRefused() throws Exception {
        PushRemoteRef marker = new PushRemoteRef("x", null, JSON.readTree("{\"spec\":{\"tags\":{\"managed-by\":\"me\"}}}"));
        PushRemoteRef date = new PushRemoteRef("x", null, JSON.readTree("{\"spec\":{\"expirationDate\":\"tomorrow\"}}"));
        assertThatThrownBy(() -> pusher.push(value(marker, "v"))).hasMessageContaining("cannot set the 'managed-by' tag");
        assertThatThrownBy(() -> pusher.push(value(date, "v"))).hasMessageContaining("is not RFC 3339");
        assertThat(t.vault.writes()).isEmpty();
    }

    @Test
    void aPemPrivateKeyIsImportedAsAJwkOnceAndDeleted() {
        VaultTestPki.Issued rsa = t.pki.client("signer", "RSA");
        PushRemoteRef ref = PushRemoteRef.of("key/signing", null);

        assertThat(pusher.push(value(ref, rsa.keyPem()))).isEqualTo(PushOutcome.CREATED);
        FakeKeyVault.Version v = latest("keys", "signing");
        assertThat(v.jwk.path("kty").asText()).isEqualTo("RSA");
        assertThat(v.jwk.path("n").asText()).isNotEmpty();
        assertThat(v.tags).containsEntry("managed-by", "external-secrets");
        assertThat(pusher.push(value(ref, rsa.keyPem()))).isEqualTo(PushOutcome.UNCHANGED);

        VaultTestPki.Issued ec = t.pki.client("signer-ec", "EC");
        assertThat(pusher.push(value(PushRemoteRef.of("key/ec", null), ec.keyPem()))).isEqualTo(PushOutcome.CREATED);
        assertThat(latest("keys", "ec").jwk.path("crv").asText()).isEqualTo("P-256");

        assertThat(pusher.delete(ref)).isTrue();
        assertThat(pusher.exists(ref)).isFalse();
        assertThatThrownBy(() -> pusher.push(value(PushRemoteRef.of("key/bad", null), "not a key")))
                .hasMessageContaining("PEM private key").hasMessageNotContaining("not a key");
    }

    @Test
    void aPemCertificateIsImportedOnceAndReadBackAsDer() throws Exception {
        VaultTestPki.Issued cert = t.pki.client("tls", "RSA");
        PushRemoteRef ref = PushRemoteRef.of("cert/tls", null);

        assertThat(pusher.push(value(ref, cert.certPem() + cert.keyPem()))).isEqualTo(PushOutcome.CREATED);
        assertThat(latest("certificates", "tls").cer).isEqualTo(cert.cert().getEncoded());
        assertThat(latest("certificates", "tls").tags).containsEntry("managed-by", "external-secrets");
        assertThat(pusher.push(value(ref, cert.certPem() + cert.keyPem()))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(client.getSecret(dev.coffer.testsupport.RemoteRefs.ref("cert/tls"))).isEqualTo(cert.cert().getEncoded());
        assertThat(pusher.delete(ref)).isTrue();
        assertThat(t.vault.count("DeleteCertificate")).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsTyped() {
        t.vault.failNext("SetSecret", 403);
        assertThatThrownBy(() -> pusher.push(value(PushRemoteRef.of("denied", null), "v")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED));
        assertThat(pusher.exists(PushRemoteRef.of("denied", null))).isFalse();
    }

    private FakeKeyVault.Version latest(String collection, String name) {
        var versions = t.vault.versions(collection, name);
        return versions.get(versions.size() - 1);
    }

    private static PushRequest value(PushRemoteRef ref, String v) {
        return PushRequest.ofValue(ref, bytes(v), false);
    }

    private static byte[] bytes(String v) {
        return v.getBytes(StandardCharsets.UTF_8);
    }
}
