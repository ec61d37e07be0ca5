package dev.coffer.peers.kubeseal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.cli.Main;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Documents;
import dev.coffer.sealing.kubeseal.Kubeseal;
import dev.coffer.sealing.kubeseal.StrictYaml;
import dev.coffer.testsupport.ServiceProxyStub;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * #11 deliverable 3, kubeseal both ways, with the real kubeseal (peers/build kubeseal) against
 * Coffer's own HTTP surface and operator, in-process on a free loopback port:
 * kubeseal seals with the certificate it fetches from {@code /v1/cert.pem} and Coffer's
 * operator unseals the result in each scope; {@code --raw} values too; Coffer's {@code seal}
 * output opens with {@code kubeseal --recovery-unseal} given Coffer's key Secrets; kubeseal's
 * {@code --validate} and {@code --re-encrypt} reach Coffer through a stand-in of the API server's
 * service proxy, named by a kubeconfig.
 */
@Tag("peers")
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class KubesealPeerTest {

    static final String CANARY = "canary-kubeseal-peer-41";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI app;
    @Inject
    KeyRegistry keys;
    @Inject
    KubernetesClient client;
    @TempDir
    Path dir;

    KubesealProcess kubeseal;

    @BeforeEach
    void ready() {
        kubeseal = new KubesealProcess(dir);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newest().isPresent());
    }

    String certUrl() {
        return app.resolve("/v1/cert.pem").toString();
    }

    static String secret(String namespace, String name, String annotations) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"%s\"%s,\"labels\":{\"tier\":\"1\"},"
                + "\"annotations\":{%s}},\"type\":\"Opaque\",\"data\":{\"password\":\"%s\"},\"stringData\":{\"user\":\"app\"}}")
                .formatted(name, namespace.isEmpty() ? "" : ",\"namespace\":\"" + namespace + "\"", annotations,
                        Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));
    }

    Secret awaitSecret(String namespace, String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace(namespace).withName(name).get(),
                s -> s != null && s.getData() != null && s.getData().containsKey("password"));
    }

    static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "namespace-wide", "cluster-wide"})
    void kubesealSealsWithCoffersCertificateAndCofferUnseals(String scope) throws Exception {
        String name = "ks-" + scope;
        KubesealProcess.Result sealed = kubeseal.run(secret("peers", name, ""), "--cert", certUrl(), "--scope", scope, "-o", "yaml");
        assertThat(sealed.code()).as(sealed.err()).isZero();
        assertThat(sealed.out()).doesNotContain(CANARY);
        SealedSecret sealedSecret = StrictYaml.readAll(sealed.out(), SealedSecret.class).get(0);

        client.resource(sealedSecret).inNamespace("peers").create();
        Secret secret = awaitSecret("peers", name);
        assertThat(text(secret, "password")).isEqualTo(CANARY);
        assertThat(text(secret, "user")).isEqualTo("app");
        assertThat(secret.getMetadata().getLabels()).containsEntry("tier", "1");

        if (!scope.equals("strict")) { // a wider scope opens under another name (and, cluster-wide, namespace)
            String ns = scope.equals("cluster-wide") ? "elsewhere" : "peers";
            sealedSecret.getMetadata().setName(name + "-moved");
            sealedSecret.getMetadata().setNamespace(ns);
            sealedSecret.getSpec().getTemplate().getMetadata().setName(name + "-moved");
            sealedSecret.getSpec().getTemplate().getMetadata().setNamespace(ns);
            client.resource(sealedSecret).inNamespace(ns).create();
            assertThat(text(awaitSecret(ns, name + "-moved"), "password")).isEqualTo(CANARY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "namespace-wide", "cluster-wide"})
    void kubesealRawValuesUnsealInCoffer(String scope) throws Exception {
        Path value = Files.writeString(dir.resolve("value"), CANARY);
        String name = "raw-" + scope;
        KubesealProcess.Result raw = kubeseal.run("", "--raw", "--cert", certUrl(), "--scope", scope, "--namespace", "peers",
                "--name", name, "--from-file", "password=" + value);
        assertThat(raw.code()).as(raw.err()).isZero();
        SealedSecret holder = new SealedSecret();
        holder.getMetadata().setName(name);
        holder.getMetadata().setNamespace("peers");
        if (!scope.equals("strict")) {
            holder.getMetadata().setAnnotations(Map.of("sealedsecrets.bitnami.com/" + scope, "true"));
        }
        holder.getSpec().getEncryptedData().put("password", raw.out());
        client.resource(holder).inNamespace("peers").create();
        assertThat(text(awaitSecret("peers", name), "password")).isEqualTo(CANARY);
    }

    @Test
    void coffersSealOutputOpensWithKubesealsRecoveryUnseal() throws Exception {
        Run sealed = coffer(secret("peers", "from-coffer", "\"note\":\"0x1F\""), "seal", "--cert", certUrl(), "-o", "yaml");
        assertThat(sealed.code()).as(sealed.err()).isZero();
        List<Secret> keySecrets = client.secrets().inNamespace("coffer-system").withLabel(KeySecrets.LABEL, KeySecrets.LABEL_VALUE)
                .list().getItems();
        assertThat(keySecrets).isNotEmpty();
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        keySecrets.forEach(s -> list.withArray("items").add(JSON.valueToTree(s)));
        Path keyFile = Files.writeString(dir.resolve("keys.json"), Documents.write(list, false));

        KubesealProcess.Result unsealed = kubeseal.run(sealed.out(), "--recovery-unseal", "--recovery-private-key",
                keyFile.toString(), "-o", "yaml");
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        Secret secret = StrictYaml.readAll(unsealed.out(), Secret.class).get(0);
        assertThat(text(secret, "password")).isEqualTo(CANARY);
        assertThat(text(secret, "user")).isEqualTo("app");
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("note", "0x1F");
    }

    @Test
    void kubesealValidatesAndReEncryptsThroughTheServiceProxy() throws Exception {
        try (ServiceProxyStub proxy = new ServiceProxyStub("coffer-system", "sealed-secrets-controller", app)) {
            Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    current-context: stub
                    clusters: [{name: stub, cluster: {server: "%s"}}]
                    contexts: [{name: stub, context: {cluster: stub, user: u, namespace: peers}}]
                    users: [{name: u, user: {token: not-checked}}]
                    """.formatted(proxy.url()));
            String[] controller = {"--kubeconfig", kubeconfig.toString(), "--controller-namespace", "coffer-system"};

            KubesealProcess.Result cert = kubeseal.run("", concat(controller, "--fetch-cert"));
            assertThat(cert.code()).as(cert.err()).isZero();
            assertThat(cert.out()).startsWith("-----BEGIN CERTIFICATE-----");

            KubesealProcess.Result sealed = kubeseal.run(secret("", "via-proxy", ""), concat(controller, "-o", "yaml"));
            assertThat(sealed.code()).as(sealed.err()).isZero();
            assertThat(StrictYaml.readAll(sealed.out(), SealedSecret.class).get(0).getMetadata().getNamespace()).isEqualTo("peers");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                KubesealProcess.Result valid = kubeseal.run(sealed.out(), concat(controller, "--validate"));
                assertThat(valid.code()).as(valid.err()).isZero();
            });
            String tampered = sealed.out().replace("name: via-proxy", "name: renamed");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                KubesealProcess.Result invalid = kubeseal.run(tampered, concat(controller, "--validate"));
                assertThat(invalid.code()).isEqualTo(1);
                assertThat(invalid.err()).contains("unable to decrypt sealed secret: renamed");
            });

            KubesealProcess.Result rotated = kubeseal.run(sealed.out(), concat(controller, "--re-encrypt", "-o", "yaml"));
            assertThat(rotated.code()).as(rotated.err()).isZero();
            SealedSecret reEncrypted = StrictYaml.readAll(rotated.out(), SealedSecret.class).get(0);
            assertThat(reEncrypted.getSpec().getEncryptedData().get("password"))
                    .isNotEqualTo(Kubeseal.sealedSecrets(sealed.out()).get(0).getSpec().getEncryptedData().get("password"));
            SealingKey newest = keys.ring().newest().orElseThrow();
            assertThat(SealedSecretUnsealer.unseal(reEncrypted, List.of(newest)).values().get("password"))
                    .isEqualTo(CANARY.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    public record Run(int code, String out, String err) {
    }

    /** Coffer's own CLI, in-process, as {@link Main} runs it. */
    static Run coffer(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }
}
