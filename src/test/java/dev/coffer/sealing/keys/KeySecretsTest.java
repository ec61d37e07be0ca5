package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySecretsTest {

    static String pkcs8(SealingKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void aKeySecretRoundTripsAsPkcs1() throws Exception {
        Secret secret = KeySecrets.toSecret(TestKeys.key(0), "coffer-system");
        secret.getMetadata().setName("k");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("tls.key")), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(secret.getMetadata().getGenerateName()).isEqualTo("sealed-secrets-key");
        assertThat(KeySecrets.isKey(secret)).isTrue();
        assertThat(KeySecrets.read(secret).fingerprint()).isEqualTo(TestKeys.key(0).fingerprint());
    }

    @Test
    void pkcs8KeysAreAccepted() throws Exception {
        Secret secret = KeySecrets.toSecret(TestKeys.key(0), "ns");
        secret.getMetadata().setName("k");
        secret.getData().put("tls.key", Base64.getEncoder().encodeToString(pkcs8(TestKeys.key(0)).getBytes(StandardCharsets.US_ASCII)));
        assertThat(KeySecrets.read(secret).privateKey().getModulus()).isEqualTo(TestKeys.key(0).privateKey().getModulus());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefused() {
        Secret secret = KeySecrets.toSecret(TestKeys.key(0), "ns");
        secret.getMetadata().setName("mixed");
        secret.getData().put("tls.crt", KeySecrets.toSecret(TestKeys.key(1), "ns").getData().get("tls.crt"));
        assertThatThrownBy(() -> KeySecrets.read(secret)).isInstanceOf(SealingException.class)
                .hasMessage("key Secret ns/mixed: tls.key does not match tls.crt");
    }

    @Test
    void garbageIsAClearError() {
        Secret secret = KeySecrets.toSecret(TestKeys.key(0), "ns");
        secret.getMetadata().setName("bad");
        secret.getData().put("tls.key", Base64.getEncoder().encodeToString("nope".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> KeySecrets.read(secret)).hasMessageContaining("no PEM private key");
        secret.getData().remove("tls.crt");
        assertThatThrownBy(() -> KeySecrets.read(secret)).hasMessageContaining("tls.key and tls.crt are both required");
    }

    @Test
    void onlyLabelledTlsSecretsAreKeys() {
        Secret secret = KeySecrets.toSecret(TestKeys.key(0), "ns");
        secret.setType("Opaque");
        assertThat(KeySecrets.isKey(secret)).isFalse();
        secret.setType("kubernetes.io/tls");
        secret.getMetadata().getLabels().put(KeySecrets.LABEL, "compromised");
        assertThat(KeySecrets.isKey(secret)).isFalse();
    }
}
