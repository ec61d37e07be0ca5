package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Kubeseal;
import dev.coffer.testsupport.ServiceProxyStub;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seal command against a running controller, reached the way kubeseal reaches it (service proxy). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SealWithControllerTest {

    static final String SECRET = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {password: pw}\n";

    @TestHTTPResource("/")
    URI app;
    @Inject
    KeyRegistry keys;
    @Inject
    KubernetesClient client;

    ServiceProxyStub proxy;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new ServiceProxyStub("coffer-system", "sealed-secrets-controller", app);
        System.setProperty("kubernetes.master", proxy.url());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newest().isPresent());
    }

    @AfterEach
    void stopProxy() {
        System.clearProperty("kubernetes.master");
        System.clearProperty("kubernetes.auth.tryKubeConfig");
        System.clearProperty("kubernetes.auth.tryServiceAccount");
        proxy.close();
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
            String[] all = new String[args.length + 3];
            all[0] = "seal";
            all[1] = "--controller-namespace=coffer-system";
            all[2] = "--controller-name=sealed-secrets-controller";
            System.arraycopy(args, 0, all, 3, args.length);
            return new Run(cl.execute(all), out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void fetchCertPrintsTheNewestCertificate() throws Exception {
        Run run = run("", "--fetch-cert");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(KeyPem.certificate(run.out().getBytes(StandardCharsets.US_ASCII), "out"))
                .isEqualTo(keys.ring().newest().orElseThrow().certificate());
    }

    @Test
    void withoutCertTheControllersIsUsedAndValidateAcceptsTheResult() {
        Run sealed = run(SECRET, "-o", "yaml");
        assertThat(sealed.code()).as(sealed.err()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> run(sealed.out(), "--validate").code() == 0);

        String moved = sealed.out().replace("name: db", "name: other");
        Run refused = await().atMost(Duration.ofSeconds(15)).until(() -> run(moved, "--validate"),
                r -> !r.err().contains("429"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("unable to decrypt SealedSecret \"other\"");
    }

    @Test
    void reEncryptReSealsWithTheNewestKey() throws Exception {
        SealingKey old = TestKeys.key(6);
        Secret keySecret = KeySecrets.toSecret(old, "coffer-system");
        client.secrets().inNamespace("coffer-system").resource(keySecret).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newestFirst().stream()
                .anyMatch(k -> k.fingerprint().equals(old.fingerprint())));
        Run sealed = run(SECRET, "--cert", write(KeyPem.encode(old.certificate())));
        Run rotated = run(sealed.out(), "--re-encrypt", "-o", "yaml");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        SealedSecret result = Kubeseal.sealedSecrets(rotated.out()).get(0);
        SealingKey newest = keys.ring().newest().orElseThrow();
        assertThat(new String(SealedSecretUnsealer.unseal(result, List.of(newest)).values().get("password"),
                StandardCharsets.UTF_8)).isEqualTo("pw");
    }

    private static String write(String text) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("cert", ".pem");
        java.nio.file.Files.writeString(file, text);
        file.toFile().deleteOnExit();
        return file.toString();
    }
}
