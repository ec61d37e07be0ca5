package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.kubeseal.Kubeseal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #19 defects 3 and 4: which namespace a Secret is sealed for. The tables are kubeseal's
 * TestSeal and TestNamespaceMismatchValidation (pkg/kubeseal/kubeseal_test.go), as data; the
 * client config of those tests is a kubeconfig whose context namespace is "testns", and an
 * explicitly set namespace is {@code -n}.
 */
class SealNamespaceTest {

    static final String NSW = Scope.NAMESPACE_WIDE_ANNOTATION;
    static final String CW = Scope.CLUSTER_WIDE_ANNOTATION;

    @TempDir
    Path dir;

    static String secret(String namespace, String annotation) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"mysecret\""
                + (namespace.isEmpty() ? "" : ",\"namespace\":\"" + namespace + "\"")
                + (annotation.isEmpty() ? "" : ",\"annotations\":{\"" + annotation + "\":\"true\"}")
                + "},\"data\":{\"foo\":\"c2VrcmV0\"},\"stringData\":{\"foos\":\"stringsekret\"}}";
    }

    /** TestSeal: secret namespace, its scope annotation, --scope, -n; the SealedSecret's namespace and scope annotation. */
    @ParameterizedTest(name = "[{index}] ns={0} annotation={1} scope={2} -n={3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "myns |      |                |         | myns    |",
        "     |      |                | default | default |",
        "     | NSW  |                | default | default | NSW",
        "     | CW   |                |         | ''      | CW",
        "myns | CW   |                |         | myns    | CW",
        "     |      | namespace-wide | default | default | NSW",
        "     |      | cluster-wide   |         | ''      | CW",
    })
    void kubesealsTestSealTable(String ns, String annotation, String scope, String flagNs, String wantNs, String wantAnnotation)
            throws Exception {
        SealCli cli = new SealCli(dir);
        List<String> args = new ArrayList<>(List.of("--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", cli.kubeconfig("testns")));
        if (scope != null) {
            args.addAll(List.of("--scope", scope));
        }
        if (flagNs != null) {
            args.addAll(List.of("-n", flagNs));
        }
        SealCli.Run run = cli.run(secret(ns == null ? "" : ns, annotationOf(annotation)), args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        SealedSecret sealed = Kubeseal.sealedSecrets(run.out()).get(0);
        assertThat(sealed.getMetadata().getName()).isEqualTo("mysecret");
        assertThat(nullToEmpty(sealed.getMetadata().getNamespace())).isEqualTo(wantNs);
        Map<String, String> annotations = sealed.getMetadata().getAnnotations() == null ? Map.of() : sealed.getMetadata().getAnnotations();
        assertThat(annotations).isEqualTo(wantAnnotation == null ? Map.of() : Map.of(annotationOf(wantAnnotation), "true"));
        assertThat(sealed.getSpec().getEncryptedData()).containsOnlyKeys("foo", "foos")
                .allSatisfy((k, v) -> assertThat(v.length()).isGreaterThan(100));
        assertThat(new String(SealedSecretUnsealer.unseal(sealed, List.of(TestKeys.key(0))).values().get("foos"),
                StandardCharsets.UTF_8)).isEqualTo("stringsekret");
    }

    @Test
    void aSecretWithoutNamespaceGetsTheContextNamespaceNotTheLiteralDefault() throws Exception {
        SealCli cli = new SealCli(dir);
        String kubeconfig = cli.kubeconfig("team-a");
        assertThat(namespaceOf(cli.run(secret("", ""), "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", kubeconfig)))
                .isEqualTo("team-a");
        assertThat(namespaceOf(cli.run(secret("", ""), "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", kubeconfig,
                "--context", "other"))).isEqualTo("from-other-context");
        assertThat(namespaceOf(cli.run(secret("", ""), "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", cli.kubeconfig(null))))
                .isEqualTo("default");
        assertThat(namespaceOf(cli.withEnvironment(Map.of("SEALED_SECRETS_KUBECONFIG", kubeconfig))
                .run(secret("", ""), "--cert", cli.cert(TestKeys.key(0))))).isEqualTo("team-a");
    }

    @Test
    void withoutAnyKubeconfigTheFallbackIsDefault() throws Exception {
        SealCli cli = new SealCli(dir);
        assertThat(namespaceOf(cli.run(secret("", ""), "--cert", cli.cert(TestKeys.key(0))))).isEqualTo("default");
    }

    @Test
    void aClusterWideSecretKeepsAnEmptyNamespaceWhateverTheContextSays() throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run run = cli.run(secret("", CW), "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", cli.kubeconfig("team-a"));
        SealedSecret sealed = Kubeseal.sealedSecrets(run.out()).get(0);
        assertThat(sealed.getMetadata().getNamespace()).isNullOrEmpty();
        assertThat(sealed.getSpec().getTemplate().getMetadata().getNamespace()).isNullOrEmpty();
        sealed.getMetadata().setNamespace("anywhere");
        assertThat(SealedSecretUnsealer.unseal(sealed, List.of(TestKeys.key(0))).values()).containsKey("foo");
    }

    /** TestNamespaceMismatchValidation: secret namespace, the namespace given, whether it was set explicitly; the error. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "namespace mismatch should fail               | secretns | flagns | true  | namespace mismatch: input secret is in namespace \"secretns\" but \"flagns\" was specified",
        "matching namespaces should succeed           | samens   | samens | true  | ''",
        "no namespace flag set should succeed         | secretns | flagns | false | ''",
        "empty secret namespace with flag set succeeds | ''       | flagns | true  | ''",
    })
    void kubesealsNamespaceMismatchTable(String name, String secretNs, String configNs, boolean explicit, String error)
            throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run run = explicit
                ? cli.run(secret(secretNs, ""), "--cert", cli.cert(TestKeys.key(0)), "-n", configNs)
                : cli.run(secret(secretNs, ""), "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", cli.kubeconfig(configNs));
        if (error.isEmpty()) {
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(namespaceOf(run)).isEqualTo(secretNs.isEmpty() ? configNs : secretNs);
        } else {
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.errorLine()).isEqualTo("coffer: " + error);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void theNamespaceVariableCountsAsExplicitAsInKubeseal() throws Exception {
        SealCli cli = new SealCli(dir).withEnvironment(Map.of("SEALED_SECRETS_NAMESPACE", "envns"));
        SealCli.Run mismatch = cli.run(secret("x", ""), "--cert", cli.cert(TestKeys.key(0)));
        assertThat(mismatch.errorLine()).contains("namespace mismatch: input secret is in namespace \"x\" but \"envns\" was specified");
        assertThat(namespaceOf(cli.run(secret("", ""), "--cert", cli.cert(TestKeys.key(0))))).isEqualTo("envns");
    }

    private static String namespaceOf(SealCli.Run run) throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        return Kubeseal.sealedSecrets(run.out()).get(0).getMetadata().getNamespace();
    }

    private static String annotationOf(String symbol) {
        return symbol == null ? "" : switch (symbol) {
            case "NSW" -> NSW;
            case "CW" -> CW;
            default -> symbol;
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
