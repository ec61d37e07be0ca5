package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.kubeseal.StrictYaml;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #19 defects 1, 2 and 8: YAML that applies as written, kubeseal's document separators, the format of -w files. */
class SealOutputTest {

    /** Strings that YAML 1.1 or 1.2 would read as a number, boolean, null or date if written bare. */
    static final Map<String, String> TRICKY = trickyValues();

    static Map<String, String> trickyValues() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] values = {"1", "1.5", "0x1F", "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
            "2024-01-01", "2001-12-14t21:59:43.10-05:00", "0755", "0o17", "0b101", "1e3", "-1", "+2", ".5", ".inf",
            "-.Inf", ".NaN", "1:30", "1_000", "TRUE", "Off", ""};
        for (int i = 0; i < values.length; i++) {
            m.put("k" + i, values[i]);
        }
        return m;
    }

    @TempDir
    Path dir;

    SealCli cli() {
        return new SealCli(dir);
    }

    static String secretJson(String name, String namespace) {
        StringBuilder labels = new StringBuilder();
        TRICKY.forEach((k, v) -> labels.append(labels.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s","labels":{%s},"annotations":{%s}},
                 "data":{"1":"eA==","true":"eQ==","0x1F":"eg=="}}
                """.formatted(name, namespace, labels, labels);
    }

    @Test
    void yamlOutputQuotesEveryStringThatWouldReadAsAnotherType() throws Exception {
        SealCli cli = cli();
        SealingKey key = TestKeys.key(0);
        SealCli.Run sealed = cli.run(secretJson("123", "0x1f"), "--cert", cli.cert(key), "-o", "yaml");
        assertThat(sealed.code()).as(sealed.err()).isZero();

        SealedSecret strict = StrictYaml.readAll(sealed.out(), SealedSecret.class).get(0);
        assertThat(strict.getMetadata().getName()).isEqualTo("123");
        assertThat(strict.getMetadata().getNamespace()).isEqualTo("0x1f");
        assertThat(strict.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(TRICKY);
        assertThat(strict.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(TRICKY);
        assertThat(strict.getSpec().getEncryptedData()).containsOnlyKeys("1", "true", "0x1F");

        SealCli.Run unsealed = cli.run(sealed.out(), "--recovery-unseal", "--recovery-private-key", cli.privateKey(key), "-o", "yaml");
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        Secret secret = StrictYaml.readAll(unsealed.out(), Secret.class).get(0);
        assertThat(secret.getMetadata().getLabels()).isEqualTo(TRICKY);
        assertThat(secret.getData()).containsEntry("1", "eA==").containsEntry("true", "eQ==");
    }

    @Test
    void theStrictReaderRefusesABareNumberWhereAStringBelongs() {
        String bare = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: a, namespace: b}\n"
                + "spec: {template: {metadata: {labels: {tier: 1}}}}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrictYaml.readAll(bare, SealedSecret.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** kubeseal's TestSealWithMultiDocSecrets: both formats, two Secrets, each document opened by ---. */
    @ParameterizedTest
    @CsvSource({"json, '\n'", "yaml, '---\n'"})
    void multiDocumentInputGivesOneSealedSecretEach(String format, String separator) throws Exception {
        SealCli cli = cli();
        String s1 = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s1\",\"namespace\":\"testns\","
                + "\"annotations\":{\"foo\":\"1\"},\"labels\":{\"foo\":\"1\"}},\"data\":{\"foo\":\"MQ==\"}}";
        String s2 = s1.replace("s1", "s2").replace("foo", "bar").replace("\"1\"", "\"2\"").replace("MQ==", "Mg==");
        if (format.equals("yaml")) { // as upstream's case: YAML documents
            s1 = dev.coffer.sealing.kubeseal.Documents.write(dev.coffer.sealing.kubeseal.Documents.read(s1, "s1").get(0), true);
            s2 = dev.coffer.sealing.kubeseal.Documents.write(dev.coffer.sealing.kubeseal.Documents.read(s2, "s2").get(0), true);
        }
        SealCli.Run run = cli.run(s1 + separator + s2, "--cert", cli.cert(TestKeys.key(0)), "-o", format);
        assertThat(run.code()).as(run.err()).isZero();
        List<SealedSecret> out = dev.coffer.sealing.kubeseal.Kubeseal.sealedSecrets(run.out());
        assertThat(out).extracting(s -> s.getMetadata().getName()).containsExactly("s1", "s2");
        assertThat(out).allSatisfy(s -> assertThat(s.getMetadata().getNamespace()).isEqualTo("testns"));
        if (format.equals("yaml")) {
            assertThat(run.out()).startsWith("---\n").doesNotEndWith("---\n");
            assertThat(run.out().lines().filter("---"::equals)).hasSize(2);
            assertThat(StrictYaml.readAll(run.out(), SealedSecret.class)).hasSize(2);
        }
    }

    @Test
    void aSingleYamlDocumentStartsWithTheSeparatorToo() throws Exception {
        SealCli cli = cli();
        SealCli.Run run = cli.run(secretJson("a", "b"), "--cert", cli.cert(TestKeys.key(0)), "-o", "yaml");
        assertThat(run.out()).startsWith("---\napiVersion: ");
    }

    @ParameterizedTest
    @CsvSource({"out.yaml, json, true", "out.yml, json, true", "out.json, json, false", "out.txt, yaml, true", "OUT.YAML, json, true"})
    void theOutputFileNameChoosesYamlAsKubesealDoes(String file, String format, boolean yaml) throws Exception {
        SealCli cli = cli();
        Path out = dir.resolve(file);
        SealCli.Run run = cli.run(secretJson("a", "b"), "--cert", cli.cert(TestKeys.key(0)), "-o", format,
                "--sealed-secret-file", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        String text = Files.readString(out);
        if (yaml) {
            assertThat(text).startsWith("---\n");
            assertThat(StrictYaml.readAll(text, SealedSecret.class)).hasSize(1);
        } else {
            assertThat(text).startsWith("{");
        }
    }

    @Test
    void aFailedRunLeavesTheOutputFileAlone() throws Exception {
        SealCli cli = cli();
        Path out = cli.write("out.yaml", "before\n");
        SealCli.Run run = cli.run("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"}}", "--cert", cli.cert(TestKeys.key(0)),
                "-w", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("before\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
