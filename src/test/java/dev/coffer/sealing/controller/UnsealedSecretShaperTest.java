package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.Vectors;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsealedSecretShaperTest {

    @Test
    void templateTypeVectorGivesATlsSecretLabelledAppWeb() throws Exception {
        SealedSecret sealed = Vectors.sealed("template-type");
        sealed.getMetadata().setUid("uid-1");
        var values = SealedSecretUnsealer.unseal(sealed, Vectors.keys()).values();
        Secret secret = new UnsealedSecretShaper(TemplateData.standard()).shape(sealed, values);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(secret.getMetadata().getName()).isEqualTo("tls");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("prod");
        assertThat(secret.getData()).containsEntry("tls.crt", "Q0VSVA==").containsEntry("tls.key", "S0VZ");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
    }

    @Test
    void templateDataGoesThroughTheSeamAndOverridesValues() throws Exception {
        SealedSecret sealed = new SealedSecret();
        sealed.getMetadata().setName("n");
        sealed.getMetadata().setNamespace("ns");
        sealed.getSpec().setTemplate(new dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec());
        sealed.getSpec().getTemplate().setData(Map.of("url", "x"));
        TemplateData upper = (templates, values) -> Map.of("url",
                ("u:" + new String(values.get("k"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Secret secret = new UnsealedSecretShaper(upper).shape(sealed, Map.of("k", "v".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fixtures.text(secret, "url")).isEqualTo("u:v");
        assertThat(secret.getType()).isEqualTo("Opaque");
    }

    @Test
    void goTemplatesRenderAgainstTheDecryptedValues() throws Exception {
        SealedSecret sealed = new SealedSecret();
        sealed.getMetadata().setName("n");
        sealed.getMetadata().setNamespace("ns");
        sealed.getSpec().setTemplate(new dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec());
        sealed.getSpec().getTemplate().setData(Map.of("dsn", "postgres://{{ .user }}:{{ .password | upper }}@db"));
        Secret secret = new UnsealedSecretShaper(TemplateData.standard()).shape(sealed, Map.of(
                "user", "app".getBytes(StandardCharsets.UTF_8), "password", "s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fixtures.text(secret, "dsn")).isEqualTo("postgres://app:S3CRET@db");
        assertThat(secret.getData()).containsKeys("user", "password", "dsn");
    }

    @Test
    void templateErrorsNameTheEntryAndNeverTheValues() {
        SealedSecret sealed = new SealedSecret();
        sealed.getMetadata().setName("n");
        sealed.getMetadata().setNamespace("ns");
        sealed.getSpec().setTemplate(new dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec());
        sealed.getSpec().getTemplate().setData(Map.of("port", "{{ fail .k }}"));
        assertThatThrownBy(() -> new UnsealedSecretShaper(TemplateData.standard()).shape(sealed,
                Map.of("k", "canary-value-77".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SealingException.class)
                .hasMessageStartingWith("template.data[\"port\"]: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("canary-value-77"));
    }

    /** Issue #14: values of any length, and their %q form, stay out (upstream redacts short values too). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Z", "q7", "Q7x", "p\"w\\d-canary"})
    void shortAndQuotedValuesAreRedactedToo(String secret) {
        for (String template : new String[] {"{{ fail .k }}", "{{ fail (printf \"%q\" .k) }}"}) {
            SealedSecret sealed = new SealedSecret();
            sealed.getMetadata().setName("n");
            sealed.getMetadata().setNamespace("ns");
            sealed.getSpec().setTemplate(new dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec());
            sealed.getSpec().getTemplate().setData(Map.of("port", template));
            assertThatThrownBy(() -> new UnsealedSecretShaper(TemplateData.standard()).shape(sealed,
                    Map.of("k", secret.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(SealingException.class)
                    .hasMessageStartingWith("template.data[\"port\"]: template: port:1:3: executing")
                    .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf(">: ")))
                            .contains("error calling fail").doesNotContain(secret)
                            .doesNotContain(secret.replace("\\", "\\\\").replace("\"", "\\\"")));
        }
    }
}
