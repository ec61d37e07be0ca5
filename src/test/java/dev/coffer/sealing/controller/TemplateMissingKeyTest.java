package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * #19 defect 12: the Sealed Secrets controller renders template.data with Go's default
 * missingkey option (a missing key prints {@code <no value>}); ESO, on the same engine, keeps
 * {@code missingkey=error}.
 */
class TemplateMissingKeyTest {

    static SealedSecret withTemplate(Map<String, String> data) {
        SealedSecret sealed = new SealedSecret();
        sealed.getMetadata().setName("n");
        sealed.getMetadata().setNamespace("ns");
        sealed.getSpec().setTemplate(new SecretTemplateSpec());
        sealed.getSpec().getTemplate().setData(data);
        return sealed;
    }

    @Test
    void aMissingKeyRendersNoValueAndTheSecretIsWritten() throws Exception {
        Secret secret = new UnsealedSecretShaper(TemplateData.standard()).shape(
                withTemplate(Map.of("x", "[{{ .missing }}]", "y", "{{ .user }}-{{ .nope }}")),
                Map.of("user", "app".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fixtures.text(secret, "x")).isEqualTo("[<no value>]");
        assertThat(Fixtures.text(secret, "y")).isEqualTo("app-<no value>");
    }

    @Test
    void externalSecretsKeepMissingkeyError() throws Exception {
        GoTemplate template = GoTemplate.parse("t", "[{{ .missing }}]");
        assertThatThrownBy(() -> template.executeBytes(Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("map has no entry for key");
        assertThat(new String(template.executeBytes(Map.of(), GoTemplate.MissingKey.DEFAULT), StandardCharsets.UTF_8))
                .isEqualTo("[<no value>]");
    }
}
