package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.keys.KeyGenerator;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Documents;
import io.fabric8.kubernetes.api.model.Secret;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SealCommandTest {

    static final String CANARY = "canary-91f0-seal";
    static final String SECRETS = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: prod
              labels: {app: web}
            type: kubernetes.io/basic-auth
            data:
              password: %s
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: api
            stringData:
              token: plain-token
            """.formatted(java.util.Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cl = Commands.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    Path cert(SealingKey key) throws Exception {
        return write("cert.pem", KeyPem.encode(key.certificate()));
    }

    Path privateKey(SealingKey key) throws Exception {
        return write("key.pem", KeyPem.encode(key.privateKey()));
    }

    @Test
    void sealThenRecoveryUnsealRoundTripsSeveralSecrets() throws Exception {
        SealingKey key = TestKeys.key(0);
        Run sealed = run(SECRETS, "seal", "--cert", cert(key).toString(), "-o", "yaml");
        assertThat(sealed.code()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("kind: SealedSecret").contains("---").doesNotContain(CANARY);
        List<SealedSecret> objects = dev.coffer.sealing.kubeseal.Kubeseal.sealedSecrets(sealed.out());
        assertThat(objects).hasSize(2);
        assertThat(objects.get(1).getMetadata().getNamespace()).isEqualTo("default");
        assertThat(objects.get(0).getSpec().getTemplate().getType()).isEqualTo("kubernetes.io/basic-auth");

        Run unsealed = run(sealed.out(), "seal", "--recovery-unseal", "--recovery-private-key",
                privateKeyOther() + "," + privateKey(key), "-o", "yaml");
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        List<Secret> secrets = Documents.read(unsealed.out(), "out").stream().map(n -> Documents.as(n, Secret.class)).toList();
        assertThat(secrets).hasSize(2);
        assertThat(new String(java.util.Base64.getDecoder().decode(secrets.get(0).getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo(CANARY);
        assertThat(secrets.get(0).getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(new String(java.util.Base64.getDecoder().decode(secrets.get(1).getData().get("token")), StandardCharsets.UTF_8))
                .isEqualTo("plain-token");
    }

    private String privateKeyOther() throws Exception {
        return write("other.pem", KeyPem.encode(TestKeys.key(1).privateKey())).toString();
    }

    @Test
    void recoveryAcceptsKeySecretsAsYamlAndJsonInputFromAFile() throws Exception {
        SealingKey key = TestKeys.key(0);
        Path input = write("in.json", SECRETS.split("---")[0]);
        Run sealed = run("", "seal", "--cert", cert(key).toString(), "-f", input.toString());
        assertThat(sealed.code()).as(sealed.err()).isZero();
        assertThat(sealed.out().stripLeading()).startsWith("{");
        Secret keySecret = KeySecrets.toSecret(key, "coffer-system");
        keySecret.getMetadata().setName("k");
        Path keys = write("keys.yaml", Documents.write(keySecret, true));
        Run unsealed = run(sealed.out(), "seal", "--recovery-unseal", "--recovery-private-key", keys.toString());
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        assertThat(unsealed.out()).contains("\"kind\" : \"Secret\"");
    }

    @Test
    void rawSealsOneValueForTheScope() throws Exception {
        SealingKey key = TestKeys.key(0);
        Path value = write("value.txt", CANARY);
        Run raw = run("", "seal", "--raw", "--cert", cert(key).toString(), "--from-file", value.toString(),
                "--namespace", "prod", "--scope", "namespace-wide");
        assertThat(raw.code()).as(raw.err()).isZero();
        SealedSecret holder = new SealedSecret();
        holder.getMetadata().setName("anything");
        holder.getMetadata().setNamespace("prod");
        holder.getMetadata().setAnnotations(Map.of(Scope.NAMESPACE_WIDE_ANNOTATION, "true"));
        holder.getSpec().getEncryptedData().put("v", raw.out());
        assertThat(new String(SealedSecretUnsealer.unseal(holder, List.of(key)).values().get("v"), StandardCharsets.UTF_8))
                .isEqualTo(CANARY);

        Run missingName = run("", "seal", "--raw", "--cert", cert(key).toString(), "--from-file", value.toString(),
                "--namespace", "prod");
        assertThat(missingName.code()).isEqualTo(2);
        assertThat(missingName.err().strip().lines()).singleElement().asString().contains("must provide the --name flag with --raw and --scope strict");
    }

    @Test
    void mergeIntoAddsValuesToAnExistingFile() throws Exception {
        SealingKey key = TestKeys.key(0);
        Run sealed = run(SECRETS.split("---")[0], "seal", "--cert", cert(key).toString(), "-o", "yaml");
        Path file = write("sealed.yaml", sealed.out());
        String extra = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {extra: more}\n";
        Run merged = run(extra, "seal", "--cert", cert(key).toString(), "--merge-into", file.toString());
        assertThat(merged.code()).as(merged.err()).isZero();
        SealedSecret result = Documents.readOne(Files.readString(file), "file", SealedSecret.class);
        assertThat(result.getSpec().getEncryptedData()).containsKeys("password", "extra");
        assertThat(Files.readString(file)).contains("kind: SealedSecret");
        assertThat(new String(SealedSecretUnsealer.unseal(result, List.of(key)).values().get("extra"), StandardCharsets.UTF_8))
                .isEqualTo("more");
    }

    @Test
    void emptySecretsNeedAllowEmptyData() throws Exception {
        String empty = "apiVersion: v1\nkind: Secret\nmetadata: {name: e, namespace: n}\n";
        Run refused = run(empty, "seal", "--cert", cert(TestKeys.key(0)).toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("--allow-empty-data");
        assertThat(run(empty, "seal", "--cert", cert(TestKeys.key(0)).toString(), "--allow-empty-data").code()).isZero();
    }

    @Test
    void anExpiredCertificateIsRefusedInOneLine() throws Exception {
        SealingKey old = KeyGenerator.generate(2048, Duration.ofDays(1), Instant.now().minus(Duration.ofDays(3)), new SecureRandom());
        Run run = run(SECRETS, "seal", "--cert", cert(old).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("certificate expired");
    }

    @Test
    void aNonRsaCertificateIsRefusedInOneLine() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair pair = ec.generateKeyPair();
        X500Name subject = new X500Name("CN=ec");
        var holder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, new Date(),
                Date.from(Instant.now().plus(Duration.ofDays(1))), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        Path cert = write("ec.pem", KeyPem.encode(new JcaX509CertificateConverter().getCertificate(holder)));
        Run run = run(SECRETS, "seal", "--cert", cert.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("not hold an RSA public key");
    }

    @Test
    void usageErrorsAreOneLineAndNonZero() throws Exception {
        Run badFormat = run("", "seal", "-o", "xml");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err().strip().lines()).singleElement().asString().contains("--format must be json or yaml");
        Run noKey = run("", "seal", "--recovery-unseal");
        assertThat(noKey.code()).isEqualTo(2);
        Run garbage = run(": : not yaml [", "seal", "--cert", cert(TestKeys.key(0)).toString());
        assertThat(garbage.code()).isEqualTo(1);
        assertThat(garbage.err().strip().lines()).singleElement().asString().contains("not valid YAML or JSON");
    }

    @Test
    void aWrongRecoveryKeyFailsWithoutShowingValues() throws Exception {
        Run sealed = run(SECRETS, "seal", "--cert", cert(TestKeys.key(0)).toString());
        Run wrong = run(sealed.out(), "seal", "--recovery-unseal", "--recovery-private-key", privateKeyOther());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("prod/db: no key could decrypt").doesNotContain(CANARY);
        assertThat(wrong.out()).isEmpty();
    }
}
