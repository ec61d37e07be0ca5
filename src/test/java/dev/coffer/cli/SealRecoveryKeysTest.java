package dev.coffer.cli;

import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Documents;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #19 defect 6: a key Secret with only {@code tls.key} opens SealedSecrets, as kubeseal's; errors
 * name the key Secret without "null/null". Upstream's TestUnseal, TestUnsealList,
 * TestReadPrivKeySecret and TestReadPrivKeyPEM (pkg/kubeseal/kubeseal_test.go).
 */
class SealRecoveryKeysTest {

    static final String SECRET = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"testname\",\"namespace\":\"testns\"},"
            + "\"data\":{\"foo\":\"c2VjcmV0MQ==\"}}";

    @TempDir
    Path dir;

    final SealingKey key = TestKeys.key(0);

    static Secret tlsKeyOnly(SealingKey key) {
        return new SecretBuilder().withApiVersion("v1").withKind("Secret")
                .addToData("tls.key", Base64.getEncoder().encodeToString(KeyPem.encodeBytes(key.privateKey()))).build();
    }

    String unsealFoo(SealCli cli, String keyFile) throws Exception {
        SealCli.Run sealed = cli.run(SECRET, "--cert", cli.cert(key));
        SealCli.Run unsealed = cli.run(sealed.out(), "--recovery-unseal", "--recovery-private-key", keyFile);
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        Secret secret = Documents.readOne(unsealed.out(), "out", Secret.class);
        return new String(Base64.getDecoder().decode(secret.getData().get("foo")), StandardCharsets.UTF_8);
    }

    /** TestUnseal and TestReadPrivKeyPEM: a PKCS#1 PEM file. */
    @Test
    void pemPrivateKey() throws Exception {
        SealCli cli = new SealCli(dir);
        assertThat(unsealFoo(cli, cli.privateKey(key))).isEqualTo("secret1");
    }

    /** TestReadPrivKeySecret: a Secret holding only tls.key, as JSON (and as YAML). */
    @Test
    void keySecretWithOnlyTlsKey() throws Exception {
        SealCli cli = new SealCli(dir);
        assertThat(unsealFoo(cli, cli.write("k.json", Documents.write(tlsKeyOnly(key), false)).toString())).isEqualTo("secret1");
        assertThat(unsealFoo(cli, cli.write("k.yaml", Documents.write(tlsKeyOnly(key), true)).toString())).isEqualTo("secret1");
    }

    /** TestUnsealList: a v1 List of key Secrets (tls.key only), the right key among others. */
    @Test
    void listOfKeySecrets() throws Exception {
        SealCli cli = new SealCli(dir);
        String list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + Documents.write(tlsKeyOnly(TestKeys.key(1)), false) + "," + Documents.write(tlsKeyOnly(key), false) + "]}";
        assertThat(unsealFoo(cli, cli.write("list.json", list).toString())).isEqualTo("secret1");
    }

    @Test
    void aFullKeySecretStillWorksAndAMismatchedCertificateIsNamed() throws Exception {
        SealCli cli = new SealCli(dir);
        Secret full = KeySecrets.toSecret(key, "kube-system");
        full.getMetadata().setName("sealed-secrets-keyabc");
        assertThat(unsealFoo(cli, cli.write("full.yaml", Documents.write(full, true)).toString())).isEqualTo("secret1");

        full.getData().put("tls.crt", KeySecrets.toSecret(TestKeys.key(1), "x").getData().get("tls.crt"));
        SealCli.Run run = cli.run(cli.run(SECRET, "--cert", cli.cert(key)).out(), "--recovery-unseal",
                "--recovery-private-key", cli.write("bad.yaml", Documents.write(full, true)).toString());
        assertThat(run.errorLine()).contains("key Secret kube-system/sealed-secrets-keyabc").contains("does not match");
    }

    @Test
    void aSecretWithoutTlsKeyIsAnErrorThatNamesItWithoutNulls() throws Exception {
        SealCli cli = new SealCli(dir);
        Secret noKey = new SecretBuilder().withApiVersion("v1").withKind("Secret").addToData("other", "eA==").build();
        SealCli.Run run = cli.run(cli.run(SECRET, "--cert", cli.cert(key)).out(), "--recovery-unseal",
                "--recovery-private-key", cli.write("nokey.json", Documents.write(noKey, false)).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errorLine()).contains("has no tls.key").doesNotContain("null");
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(1);
    }
}
