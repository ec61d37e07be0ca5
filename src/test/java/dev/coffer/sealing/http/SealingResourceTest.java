package dev.coffer.sealing.http;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingConfig;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Documents;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SealingResourceTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    KeyRegistry keys;
    @Inject
    KubernetesClient client;
    @Inject
    SealingConfig config;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Documents.write(body, false))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Verify, waiting out the rate limit (other tests may have used the bucket up). */
    HttpResponse<String> verifyOnceAllowed(SealedSecret body) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> post("v1/verify", body), r -> r.statusCode() != 429);
    }

    SealingKey newest() {
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newest().isPresent());
        return keys.ring().newest().orElseThrow();
    }

    @Test
    void certPemIsTheNewestCertificate() throws Exception {
        SealingKey newest = newest();
        HttpResponse<String> response = get("v1/cert.pem");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-pem-file"));
        assertThat(KeyPem.certificate(response.body().getBytes(StandardCharsets.US_ASCII), "cert.pem"))
                .isEqualTo(newest.certificate());
    }

    @Test
    void healthzSaysOk() throws Exception {
        HttpResponse<String> response = get("healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void verifyAnswers200ForWhatUnsealsAnd409ForWhatDoesNot() throws Exception {
        SealedSecret good = Fixtures.sealed(newest().publicKey(), "v", "app", Scope.STRICT, Map.of("k", "v"));
        SealedSecret moved = Fixtures.sealed(newest().publicKey(), "v", "app", Scope.STRICT, Map.of("k", "v"));
        moved.getMetadata().setName("other");
        assertThat(verifyOnceAllowed(good).statusCode()).isEqualTo(200);
        HttpResponse<String> conflict = verifyOnceAllowed(moved);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("no key could decrypt");
    }

    @Test
    void verifyIsRateLimited() throws Exception {
        SealedSecret good = Fixtures.sealed(newest().publicKey(), "v", "app", Scope.STRICT, Map.of("k", "v"));
        boolean limited = false;
        for (int i = 0; i < config.verifyBurst() + 20 && !limited; i++) {
            limited = post("v1/verify", good).statusCode() == 429;
        }
        assertThat(limited).isTrue();
        assertThat(verifyOnceAllowed(good).statusCode()).isEqualTo(200);
    }

    @Test
    void rotateReSealsWithTheNewestKey() throws Exception {
        SealingKey old = TestKeys.key(4);
        Secret keySecret = KeySecrets.toSecret(old, config.namespace());
        keySecret.getMetadata().setGenerateName(null);
        keySecret.getMetadata().setName("rotate-old-key");
        client.secrets().inNamespace(config.namespace()).resource(keySecret).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newestFirst().stream()
                .anyMatch(k -> k.fingerprint().equals(old.fingerprint())));
        SealingKey newest = newest();
        assertThat(newest.fingerprint()).isNotEqualTo(old.fingerprint());

        SealedSecret sealed = Fixtures.sealed(old.publicKey(), "r", "app", Scope.NAMESPACE_WIDE, Map.of("k", "rotated"));
        HttpResponse<String> response = post("v1/rotate", sealed);
        assertThat(response.statusCode()).isEqualTo(200);
        SealedSecret rotated = Documents.readOne(response.body(), "response", SealedSecret.class);
        assertThat(rotated.getMetadata().getAnnotations()).containsEntry(Scope.NAMESPACE_WIDE_ANNOTATION, "true");
        var opened = SealedSecretUnsealer.unseal(rotated, List.of(newest));
        assertThat(new String(opened.values().get("k"), StandardCharsets.UTF_8)).isEqualTo("rotated");

        assertThat(http.send(HttpRequest.newBuilder(base.resolve("v1/rotate"))
                .POST(HttpRequest.BodyPublishers.ofString("{not yaml")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
    }
}
