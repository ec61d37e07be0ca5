package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.controller.Fixtures;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * #19 defect 14: encryptedData and the Secret values given to {@code seal} decode by Go's
 * StdEncoding rules, as upstream decodes them: CR/LF ignored, padding required, bad input named
 * as bad base64. Includes upstream's TestInvalidBase64 (sealedsecret_test.go).
 */
class GoBase64SealedValuesTest {

    static SealedSecret sealedOne(String value) {
        return Fixtures.sealed(TestKeys.key(0).publicKey(), "myns", "myname", Scope.STRICT, Map.of("foo", value));
    }

    static Map<String, byte[]> unseal(SealedSecret s) throws SealingException {
        return SealedSecretUnsealer.unseal(s, List.of(TestKeys.key(0))).values();
    }

    @Test
    void aValueWrappedAt76ColumnsWithNewlinesUnseals() throws Exception {
        SealedSecret sealed = sealedOne("wrapped");
        String value = sealed.getSpec().getEncryptedData().get("foo");
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < value.length(); i += 76) {
            wrapped.append(value, i, Math.min(value.length(), i + 76)).append(i % 152 == 0 ? "\r\n" : "\n");
        }
        sealed.getSpec().getEncryptedData().put("foo", wrapped.toString());
        assertThat(new String(unseal(sealed).get("foo"), StandardCharsets.UTF_8)).isEqualTo("wrapped");
    }

    @Test
    void aValueWithoutItsPaddingIsRefusedAsBadBase64() {
        SealedSecret sealed = sealedOne("padded?");
        String value = sealed.getSpec().getEncryptedData().get("foo");
        while (!value.endsWith("=")) { // a payload length that needs padding
            sealed = sealedOne(sealed.getSpec().getEncryptedData().size() + "x" + value.length());
            value = sealed.getSpec().getEncryptedData().get("foo");
        }
        sealed.getSpec().getEncryptedData().put("foo", value.replace("=", ""));
        SealedSecret unpadded = sealed;
        assertThatThrownBy(() -> unseal(unpadded)).isInstanceOf(SealingException.class)
                .hasMessageContaining("\"foo\" is not valid base64");
    }

    /** Upstream's TestInvalidBase64: the error names the entry and is not a decryption error. */
    @Test
    void invalidBase64NamesTheEntryAndIsNotADecryptionOrLengthError() {
        SealedSecret sealed = sealedOne("x");
        sealed.getSpec().getEncryptedData().put("foo", "NOTVALIDBASE64");
        assertThatThrownBy(() -> unseal(sealed)).isInstanceOf(SealingException.class)
                .hasMessageContaining("foo").hasMessageContaining("not valid base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("decrypt").doesNotContain("too short"));
        sealed.getSpec().getEncryptedData().put("foo", "abc");
        assertThatThrownBy(() -> unseal(sealed)).hasMessageContaining("not valid base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("too short"));
    }

    @Test
    void sealTakesSecretDataByGoRules() throws Exception {
        var wrapped = new SecretBuilder().withNewMetadata().withName("n").withNamespace("ns").endMetadata()
                .addToData("k", "c2Vr\ncmV0").build();
        assertThat(new String(SealedSecretSealer.valuesOf(wrapped).get("k"), StandardCharsets.UTF_8)).isEqualTo("sekret");
        var unpadded = new SecretBuilder().withNewMetadata().withName("n").withNamespace("ns").endMetadata()
                .addToData("k", "eA").build();
        assertThatThrownBy(() -> SealedSecretSealer.valuesOf(unpadded)).hasMessage("data[\"k\"] is not valid base64");
    }
}
