package dev.coffer.provider.webhook;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.vault.VaultTestPki;
import dev.coffer.testsupport.webhook.FakeWebhook;
import dev.coffer.testsupport.webhook.FakeWebhook.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures: typed, one line, naming the URL template and status, never the answer's body or a secret. */
class WebhookErrorsTest {

    private static final String CANARY = "canary-webhook-Vb9-do-not-leak";

    private final FakeWebhook hook = new FakeWebhook();
    private final WebhookStores stores = new WebhookStores();

    @AfterEach
    void close() {
        hook.close();
    }

    private ProviderException failure(SecretsClient client, String key) {
        try {
            client.getSecret(ref(key));
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private SecretsClient client(String extra) {
        return stores.client("url: \"%s/{{ .remoteRef.key }}?t={{ .creds.token }}\"\n".formatted(hook.baseUrl())
                + "secrets:\n- name: creds\n  secretRef: {name: hook-creds}\n" + extra);
    }

    @Test
    void statusesMapToKindsAndTheBodyNeverShows() {
        stores.webhookSecret("apps", "hook-creds", Map.of("token", CANARY));
        hook.answer(r -> switch (r.rawPath()) {
            case "/missing" -> new Answer(404, "text/plain", "nothing for " + CANARY);
            case "/denied" -> new Answer(403, "text/plain", CANARY);
            case "/slow-down" -> new Answer(429, "text/plain", CANARY);
            case "/broken" -> new Answer(503, "text/html", "<p>" + CANARY + "</p>");
            case "/not-json" -> new Answer(200, "text/plain", "value " + CANARY);
            default -> Answer.json("{\"other\":\"" + CANARY + "\"}");
        });
        SecretsClient client = client("result: {jsonPath: $.value}\n");
        assertThat(failure(client, "missing").kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertThat(failure(client, "denied").kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        assertThat(failure(client, "slow-down").kind()).isEqualTo(ProviderException.Kind.THROTTLED);
        ProviderException broken = failure(client, "broken");
        assertThat(broken.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        assertThat(broken.getMessage()).contains("HTTP 503").contains("{{ .remoteRef.key }}");
        assertThat(failure(client, "not-json").getMessage()).contains("not valid JSON");
        ProviderException noMatch = failure(client, "no-match");
        assertThat(noMatch.kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE);
        assertThat(noMatch.getMessage()).contains("$.value");
    }

    @Test
    void aTimeoutIsAClearUnavailableError() throws Exception {
        stores.webhookSecret("apps", "hook-creds", Map.of("token", "t"));
        CountDownLatch release = new CountDownLatch(1);
        hook.answer(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.json("{}");
        });
        try {
            ProviderException e = failure(client("timeout: 300ms\n"), "k");
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer").contains("300 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSecretWithoutTheWebhookLabelIsRefused() {
        stores.kube.secret("apps", "hook-creds", Map.of("token", CANARY));
        hook.answer(r -> Answer.json("{}"));
        ProviderException e = failure(client(""), "k");
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        assertThat(e.getMessage()).contains("external-secrets.io/type: webhook");
        assertThat(hook.requests()).isEmpty();
    }

    @Test
    void invalidBlocksAreRefused() {
        WebhookProviderImpl provider = stores.provider(java.time.Duration.ZERO);
        List<String[]> cases = List.of(
                new String[]{"method: GET\n", ".url is required"},
                new String[]{"url: http://x\ntimeout: soon\n", "is not a Go duration"},
                new String[]{"url: http://x\nauth:\n  ntlm:\n    usernameSecret: {name: u, key: u}\n    passwordSecret: {name: p, key: p}\n",
                        "ntlm is not supported"},
                new String[]{"url: http://x\nsecrets:\n- name: c\n  secretRef: {name: s, namespace: other}\n", "its own namespace"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> provider.validate(stores.context(c[0]))).as(c[0])
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                        assertThat(e.getMessage()).contains(c[1]);
                    });
        }
        var cluster = StoreFixtures.context("""
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: hook}
                spec:
                  provider:
                    webhook:
                      url: http://x
                      secrets:
                      - name: c
                        secretRef: {name: s}
                """, stores.kube, "apps");
        assertThatThrownBy(() -> provider.validate(cluster)).hasMessageContaining("namespace is required");
        assertThat(provider.clientPerConsumerNamespace(cluster)).isTrue();
    }

    @Test
    void httpsTrustsTheCaBundleOrTheCaProviderAndNothingElse() {
        VaultTestPki pki = new VaultTestPki("webhook-ca");
        try (FakeWebhook https = new FakeWebhook(pki.serverContext(pki.server()))) {
            https.answer(r -> Answer.json("{\"value\":\"over-tls\"}"));
            String bundle = Base64.getEncoder().encodeToString(pki.ca().certPem().getBytes(StandardCharsets.UTF_8));
            SecretsClient trusted = stores.client("url: \"%s/k\"\nresult: {jsonPath: $.value}\ncaBundle: %s\n".formatted(https.baseUrl(), bundle));
            assertThat(utf8(trusted.getSecret(ref("k")))).isEqualTo("over-tls");

            stores.kube.configMap("apps", "hook-ca", Map.of("ca.crt", pki.ca().certPem()));
            SecretsClient viaConfigMap = stores.client("url: \"%s/k\"\nresult: {jsonPath: $.value}\ncaProvider: {type: ConfigMap, name: hook-ca, key: ca.crt}\n"
                    .formatted(https.baseUrl()));
            assertThat(utf8(viaConfigMap.getSecret(ref("k")))).isEqualTo("over-tls");

            String other = Base64.getEncoder().encodeToString(new VaultTestPki("other-ca").ca().certPem().getBytes(StandardCharsets.UTF_8));
            SecretsClient untrusted = stores.client("url: \"%s/k\"\ncaBundle: %s\n".formatted(https.baseUrl(), other));
            assertThat(failure(untrusted, "k").kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        }
    }
}
