package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.kubeseal.Documents;
import dev.coffer.sealing.kubeseal.Kubeseal;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #19 defects 7 and 9: no tool's whole-object copy of the Secret (a plaintext leak) reaches the
 * SealedSecret; {@code --scope} replaces any scope annotation instead of adding a second one.
 */
class SealAnnotationsTest {

    static final String CANARY = "canary-plaintext-5c1e";

    @TempDir
    Path dir;

    static String secretWith(Map<String, String> annotations) {
        StringBuilder a = new StringBuilder();
        annotations.forEach((k, v) -> a.append(a.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"prod\",\"annotations\":{"
                + a + "}},\"stringData\":{\"password\":\"" + CANARY + "\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubectl.kubernetes.io/last-applied-configuration", "kubecfg.ksonnet.io/last-applied-configuration",
        "kapp.k14s.io/original"})
    void aWholeObjectCopyNeverReachesTheOutput(String annotation) throws Exception {
        SealCli cli = new SealCli(dir);
        String copy = "{\\\"stringData\\\":{\\\"password\\\":\\\"" + CANARY + "\\\"}}";
        for (String format : new String[] {"json", "yaml"}) {
            SealCli.Run run = cli.run(secretWith(Map.of(annotation, copy, "keep", "me")), "--cert", cli.cert(TestKeys.key(0)),
                    "-o", format);
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain(CANARY).doesNotContain(annotation);
            SealedSecret sealed = Kubeseal.sealedSecrets(run.out()).get(0);
            assertThat(sealed.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(Map.of("keep", "me"));
        }
        assertThat(SealedSecretSealer.WHOLE_OBJECT_ANNOTATIONS).contains(annotation);
    }

    @Test
    void scopeFlagReplacesTheScopeAnnotation() throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run run = cli.run(secretWith(Map.of(Scope.CLUSTER_WIDE_ANNOTATION, "true")), "--cert", cli.cert(TestKeys.key(0)),
                "--scope", "namespace-wide");
        assertThat(run.code()).as(run.err()).isZero();
        SealedSecret sealed = Kubeseal.sealedSecrets(run.out()).get(0);
        Map<String, String> only = Map.of(Scope.NAMESPACE_WIDE_ANNOTATION, "true");
        assertThat(sealed.getMetadata().getAnnotations()).isEqualTo(only);
        assertThat(sealed.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(only);

        SealCli.Run unsealed = cli.run(run.out(), "--recovery-unseal", "--recovery-private-key", cli.privateKey(TestKeys.key(0)));
        Secret secret = Documents.readOne(unsealed.out(), "out", Secret.class);
        assertThat(secret.getMetadata().getAnnotations()).isEqualTo(only);
    }

    /**
     * A deliberate difference: kubeseal ignores an explicit {@code --scope strict} on a Secret
     * annotated wider (its flag cannot tell strict from unset); Coffer seals strict as asked.
     */
    @Test
    void explicitStrictRemovesWiderScopeAnnotations() throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run run = cli.run(secretWith(Map.of(Scope.CLUSTER_WIDE_ANNOTATION, "true", Scope.NAMESPACE_WIDE_ANNOTATION, "true")),
                "--cert", cli.cert(TestKeys.key(0)), "--scope", "strict");
        SealedSecret sealed = Kubeseal.sealedSecrets(run.out()).get(0);
        assertThat(sealed.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(sealed.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    }
}
