package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream's template.data tests (pkg/apis/sealedsecrets/v1alpha1/sealedsecret_test.go, v0.40):
 * TestSealRoundTripTemplateData-style rendering, TestTemplateDataPlaintextReference,
 * TestTemplateDataMixedEncryptedAndPlaintext, TestTemplateDataEncryptedTakesPrecedenceOverPlaintext,
 * TestTemplateWithoutEncryptedData and TestTemplateOmitEncryptedData.
 */
class UpstreamTemplateDataTest {

    static Map<String, String> unsealed(Map<String, String> encrypted, Map<String, String> templateData) throws Exception {
        SealedSecret sealed = Fixtures.sealed(TestKeys.key(0).publicKey(), "myns", "myname", Scope.STRICT, encrypted);
        sealed.getSpec().getTemplate().setData(templateData);
        Map<String, byte[]> values = SealedSecretUnsealer.unseal(sealed, List.of(TestKeys.key(0))).values();
        Secret secret = new UnsealedSecretShaper(TemplateData.standard()).shape(sealed, values);
        Map<String, String> out = new TreeMap<>();
        secret.getData().keySet().forEach(k -> out.put(k, Fixtures.text(secret, k)));
        return out;
    }

    @Test
    void plaintextReference() throws Exception {
        assertThat(unsealed(Map.of(), Map.of("username", "myUsername",
                "settings.xml", "<server><username>{{ .username }}</username></server>")))
                .isEqualTo(Map.of("username", "myUsername", "settings.xml", "<server><username>myUsername</username></server>"));
    }

    @Test
    void mixedEncryptedAndPlaintext() throws Exception {
        assertThat(unsealed(Map.of("password", "hunter2"), Map.of("username", "myUsername",
                "settings.xml", "<server><username>{{ .username }}</username><password>{{ .password }}</password></server>")))
                .containsEntry("settings.xml", "<server><username>myUsername</username><password>hunter2</password></server>");
    }

    @Test
    void encryptedTakesPrecedenceOverPlaintext() throws Exception {
        assertThat(unsealed(Map.of("shared", "from-encrypted"), Map.of("shared", "from-plaintext-should-be-ignored",
                "out.txt", "{{ .shared }}")))
                .containsEntry("out.txt", "from-encrypted").containsEntry("shared", "from-encrypted");
    }

    @Test
    void templateWithoutEncryptedData() throws Exception {
        assertThat(unsealed(Map.of(), Map.of("foo", "bar"))).isEqualTo(Map.of("foo", "bar"));
    }

    @Test
    void anEntryWithoutValueOmitsTheEncryptedKey() throws Exception {
        Map<String, String> templates = new HashMap<>();
        templates.put("foo", null);
        templates.put("bar", "qux {{ .foo }} qux");
        assertThat(unsealed(Map.of("foo", "bar", "baz", "qux"), templates))
                .isEqualTo(Map.of("bar", "qux bar qux", "baz", "qux"));
    }

    @Test
    void renderingUsesTheDecryptedBytes() throws Exception {
        assertThat(unsealed(Map.of("user", "app"), Map.of("dsn", "u={{ .user | upper }}")))
                .containsEntry("dsn", "u=APP").containsEntry("user", "app");
    }
}
