package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.kubeseal.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #19 defect 5: {@code --merge-into} merges the Secret's values and its labels and annotations
 * into the template. Upstream's TestMergeInto (pkg/kubeseal/kubeseal_test.go): added, updated,
 * bad name. As in its helper, each test Secret holds one key, also as a label and an annotation.
 */
class SealMergeIntoTest {

    @TempDir
    Path dir;

    final SealingKey key = TestKeys.key(0);

    static String secret(String k, String v, String name, String namespace) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\","
                + "\"annotations\":{\"%s\":\"%s\"},\"labels\":{\"%s\":\"%s\"}},\"data\":{\"%s\":\"%s\"}}")
                .formatted(name, namespace, k, v, k, v, k,
                        java.util.Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }

    String sealed(SealCli cli, String k, String v) throws Exception {
        SealCli.Run run = cli.run(secret(k, v, "testname", "testns"), "--cert", cli.cert(key));
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    SealedSecret merge(SealCli cli, String newSecret, String oldSealedSecret) throws Exception {
        Path file = cli.write("old.json", oldSealedSecret);
        SealCli.Run run = cli.run(newSecret, "--cert", cli.cert(key), "--merge-into", file.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        SealedSecret merged = Documents.readOne(Files.readString(file), "merged", SealedSecret.class);
        SealedSecretUnsealer.unseal(merged, List.of(key)); // everything in it opens
        return merged;
    }

    @Test
    void added() throws Exception {
        SealCli cli = new SealCli(dir);
        SealedSecret merged = merge(cli, secret("foo", "secret1", "testname", "testns"), sealed(cli, "bar", "secret2"));
        assertThat(merged.getSpec().getEncryptedData()).containsOnlyKeys("foo", "bar");
        assertThat(merged.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys("foo", "bar");
        assertThat(merged.getSpec().getTemplate().getMetadata().getLabels()).containsOnlyKeys("foo", "bar");
        assertThat(new String(SealedSecretUnsealer.unseal(merged, List.of(key)).values().get("foo"), StandardCharsets.UTF_8))
                .isEqualTo("secret1");
    }

    @Test
    void updated() throws Exception {
        SealCli cli = new SealCli(dir);
        String origText = sealed(cli, "foo", "secret2");
        SealedSecret orig = Documents.readOne(origText, "orig", SealedSecret.class);
        SealedSecret merged = merge(cli, secret("foo", "secret1", "testname", "testns"), origText);
        assertThat(merged.getSpec().getEncryptedData()).hasSize(1);
        assertThat(merged.getSpec().getEncryptedData().get("foo")).isNotEqualTo(orig.getSpec().getEncryptedData().get("foo"));
        assertThat(merged.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(Map.of("foo", "secret1"));
        assertThat(merged.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("foo", "secret1"));
    }

    /** The existing SealedSecret's name and namespace win over the input's. */
    @Test
    void badName() throws Exception {
        SealCli cli = new SealCli(dir);
        SealedSecret merged = merge(cli, secret("foo", "secret1", "badname", "badns"), sealed(cli, "bar", "secret2"));
        assertThat(merged.getMetadata().getName()).isEqualTo("testname");
        assertThat(merged.getMetadata().getNamespace()).isEqualTo("testns");
        assertThat(merged.getSpec().getTemplate().getMetadata().getName()).isEqualTo("testname");
    }

    @Test
    void theTargetsScopeStaysAndAWholeObjectCopyIsNotMerged() throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run wide = cli.run(secret("bar", "b", "testname", "testns"), "--cert", cli.cert(key), "--scope", "namespace-wide");
        String input = secret("foo", "canary-merge-7", "testname", "testns").replace("\"annotations\":{",
                "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"canary-last-applied-7\","
                        + "\"sealedsecrets.bitnami.com/cluster-wide\":\"true\",");
        SealedSecret merged = merge(cli, input, wide.out());
        assertThat(merged.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("sealedsecrets.bitnami.com/namespace-wide", "true")
                .doesNotContainKeys("sealedsecrets.bitnami.com/cluster-wide", "kubectl.kubernetes.io/last-applied-configuration");
        assertThat(Documents.write(merged, false)).doesNotContain("canary-last-applied-7");
    }
}
