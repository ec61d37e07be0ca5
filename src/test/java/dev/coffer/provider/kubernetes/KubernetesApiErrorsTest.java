package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static dev.coffer.provider.kubernetes.KubeStores.find;
import static dev.coffer.provider.kubernetes.KubeStores.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API server failures become typed errors whose messages quote neither credentials nor the server's text. */
class KubernetesApiErrorsTest {

    static final String TOKEN_CANARY = "tok-canary-7Hq2";
    static final String SERVER_TEXT_CANARY = "server-text-canary-k9";

    static KubernetesMockServer server;

    @BeforeAll
    static void start() {
        server = new KubernetesMockServer(false); // expectations mode: answers exactly as told
        server.init();
        for (int code : new int[] {401, 403, 429, 500}) {
            server.expect().get().withPath("/api/v1/namespaces/shared-secrets/secrets/status-" + code)
                    .andReturn(code, new StatusBuilder().withCode(code).withMessage(SERVER_TEXT_CANARY).build()).always();
        }
        server.expect().get().withPath("/api/v1/namespaces/shared-secrets/secrets/" + KubernetesSecretsClient.VALIDATION_PROBE)
                .andReturn(403, new StatusBuilder().withCode(403).withMessage(SERVER_TEXT_CANARY).build()).always();
        server.expect().get().withPath("/api/v1/namespaces/shared-secrets/secrets?limit=250")
                .andReturn(403, new StatusBuilder().withCode(403).build()).always();
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @ParameterizedTest
    @CsvSource({"401, ACCESS_DENIED", "403, ACCESS_DENIED", "429, THROTTLED", "500, UNAVAILABLE"})
    void statusCodesMapToKinds(int code, ProviderException.Kind kind) {
        try (SecretsClient client = clientFor(server.url("/"))) {
            assertThatThrownBy(() -> client.getSecret(ref("status-" + code, null)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining(String.valueOf(code))
                    .hasMessageContaining("get Secret \"status-" + code + "\" in namespace shared-secrets")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN_CANARY, SERVER_TEXT_CANARY))
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(kind);
        }
    }

    @Test
    void liveValidationReportsAForbiddenIdentity() {
        try (SecretsClient client = clientFor(server.url("/"))) {
            assertThatThrownBy(client::validate).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("403 Forbidden (get Secrets in namespace shared-secrets on ")
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        }
    }

    @Test
    void aForbiddenListIsAccessDenied() {
        try (SecretsClient client = clientFor(server.url("/"))) {
            assertThatThrownBy(() -> client.getAllSecrets(find(".*", null))).isInstanceOf(ProviderException.class)
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SecretsClient client = clientFor("http://127.0.0.1:" + port)) {
            assertThatThrownBy(() -> client.getSecret(ref("db", null)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessage("could not reach the API server (get Secret \"db\" in namespace shared-secrets on http://127.0.0.1:"
                            + port + ")")
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
            assertThatThrownBy(client::validate).isInstanceOf(ProviderException.class)
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        }
    }

    private static SecretsClient clientFor(String url) {
        InMemoryKube kube = new InMemoryKube().apiServerUrl(url)
                .secret(KubeStores.APPS, "remote-token", Map.of("token", TOKEN_CANARY));
        return new KubernetesProviderImpl().newClient(KubeStores.secretStore(KubeStores.tokenAuth(url), kube));
    }
}
