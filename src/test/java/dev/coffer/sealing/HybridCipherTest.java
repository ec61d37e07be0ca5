package dev.coffer.sealing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridCipherTest {

    private static final byte[] CANARY = "canary-plaintext-7f3a".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatCofferSealsAnIndependentImplementationUnseals() throws Exception {
        SealingKey key = TestKeys.key(0);
        SealedSecretSealer sealer = new SealedSecretSealer(key.publicKey(), new SecureRandom());
        String strict = sealer.sealValue(Scope.STRICT, "prod", "db", CANARY);
        String wide = sealer.sealValue(Scope.NAMESPACE_WIDE, "prod", "db", CANARY);
        String cluster = sealer.sealValue(Scope.CLUSTER_WIDE, "prod", "db", new byte[0]);
        assertThat(JdkReferenceUnsealer.unseal(key.privateKey(), "prod/db", strict)).isEqualTo(CANARY);
        assertThat(JdkReferenceUnsealer.unseal(key.privateKey(), "prod", wide)).isEqualTo(CANARY);
        assertThat(JdkReferenceUnsealer.unseal(key.privateKey(), "", cluster)).isEmpty();
        assertThatThrownBy(() -> JdkReferenceUnsealer.unseal(key.privateKey(), "prod/other", strict))
                .isInstanceOf(Exception.class);
    }

    @Test
    void a4096BitKeyGivesTheAgPrefix() {
        SealingKey key = dev.coffer.sealing.keys.KeyGenerator.generate();
        String value = new SealedSecretSealer(key.publicKey(), new SecureRandom())
                .sealValue(Scope.STRICT, "ns", "n", CANARY);
        assertThat(value).startsWith("Ag");
        assertThat(key.privateKey().getModulus().bitLength()).isEqualTo(4096);
    }

    @Test
    void sessionKeysAreFreshForEveryValue() {
        SealingKey key = TestKeys.key(0);
        SealedSecretSealer sealer = new SealedSecretSealer(key.publicKey(), new SecureRandom());
        assertThat(sealer.sealValue(Scope.STRICT, "a", "b", CANARY)).isNotEqualTo(sealer.sealValue(Scope.STRICT, "a", "b", CANARY));
    }

    @Test
    void shortPayloadsAreTooShort() throws Exception {
        assertThatThrownBy(() -> HybridCipher.split(new byte[]{2})).hasMessage("sealed value is too short");
        assertThatThrownBy(() -> HybridCipher.split(new byte[]{2, 0, 1, 2})).hasMessage("sealed value is too short");
        assertThat(HybridCipher.split(new byte[]{0, 1, 9, 8, 7}).gcm()).containsExactly(8, 7);
    }

    @Test
    void tamperedCiphertextFailsAuthenticationWithoutRevealingIt() throws Exception {
        SealingKey key = TestKeys.key(0);
        byte[] payload = Base64.getDecoder().decode(new SealedSecretSealer(key.publicKey(), new SecureRandom())
                .sealValue(Scope.CLUSTER_WIDE, null, null, CANARY));
        payload[payload.length - 1] ^= 1;
        HybridCipher.Parts parts = HybridCipher.split(payload);
        byte[] sessionKey = HybridCipher.openSessionKey(key.privateKey(), new byte[0], parts).orElseThrow();
        assertThatThrownBy(() -> HybridCipher.openData(sessionKey, parts))
                .isInstanceOf(SealingException.class).hasMessageContaining("tampered")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain("canary"));
    }
}
