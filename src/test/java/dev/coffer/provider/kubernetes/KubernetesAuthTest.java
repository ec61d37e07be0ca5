package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.provider.kubernetes.KubeStores.ref;
import static dev.coffer.provider.kubernetes.KubernetesReadTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which credentials reach the remote API server, for each auth method. */
class KubernetesAuthTest {

    static MockApiServer remote;
    InMemoryKube kube;

    @BeforeAll
    static void start() {
        remote = MockApiServer.http();
        remote.createSecret(KubeStores.REMOTE_NS, "db", Map.of("username", "app"));
    }

    @AfterAll
    static void stop() {
        remote.close();
    }

    @BeforeEach
    void fresh() {
        remote.takeRequests();
        kube = new InMemoryKube().apiServerUrl(remote.url()).numberedTokens();
    }

    @Test
    void tokenAuthSendsTheBearerTokenFromTheSecret() {
        kube.secret(KubeStores.APPS, "remote-token", Map.of("token", "s3cret-token\n"));
        try (SecretsClient client = newClient(KubeStores.secretStore(KubeStores.tokenAuth(remote.url()), kube))) {
            assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        }
        assertThat(authorizationOfReads()).containsOnly("Bearer s3cret-token");
    }

    @Test
    void serviceAccountAuthMintsATokenWithTheAudiencesAndRenewsItAtTwoThirdsOfItsLife() {
        MutableClock clock = new MutableClock();
        StoreContext store = KubeStores.secretStore("""
                auth:
                  serviceAccount:
                    name: coffer-reader
                    audiences: [remote-cluster]
                """, kube);
        try (SecretsClient client = new KubernetesProviderImpl(clock).newClient(store)) {
            client.getSecret(ref("db", "username"));
            client.getSecret(ref("db", "username"));
            clock.advance(Duration.ofMinutes(39)); // under 2/3 of the requested hour
            client.getSecret(ref("db", "username"));
            assertThat(kube.tokenRequests()).containsExactly(
                    new InMemoryKube.TokenRequest("apps", "coffer-reader", List.of("remote-cluster"), 3600));
            assertThat(authorizationOfReads()).containsOnly("Bearer token-apps-coffer-reader-1");

            clock.advance(Duration.ofMinutes(2)); // past 40 minutes
            client.getSecret(ref("db", "username"));
            assertThat(kube.tokenRequests()).hasSize(2);
            assertThat(authorizationOfReads()).containsExactly("Bearer token-apps-coffer-reader-2");
        }
    }

    @Test
    void aTokenThatCannotBeRenewedKeepsServingUntilItExpires() {
        MutableClock clock = new MutableClock();
        StoreContext store = KubeStores.secretStore("auth:\n  serviceAccount:\n    name: coffer-reader\n", kube);
        try (SecretsClient client = new KubernetesProviderImpl(clock).newClient(store)) {
            kube.failTokenRequests(ProviderException.accessDenied("service account apps/coffer-reader not found"));
            clock.advance(Duration.ofMinutes(50));
            client.getSecret(ref("db", "username"));
            assertThat(authorizationOfReads()).containsOnly("Bearer token-apps-coffer-reader-1");

            clock.advance(Duration.ofMinutes(11)); // past the hour: expired
            assertThatThrownBy(() -> client.getSecret(ref("db", "username")))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("coffer-reader not found")
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        }
    }

    @Test
    void aServiceAccountThatCannotGetATokenFailsWhenTheClientIsBuilt() {
        kube.failTokenRequests(new IllegalStateException("boom"));
        StoreContext store = KubeStores.secretStore("auth:\n  serviceAccount:\n    name: coffer-reader\n", kube);
        assertThatThrownBy(() -> newClient(store)).isInstanceOf(ProviderException.class)
                .hasMessage("could not request a token for service account apps/coffer-reader");
    }

    @Test
    void aClusterStoreMintsTheTokenInTheNamespaceItNamesOrElseTheConsumers() {
        StoreContext named = KubeStores.clusterStore("""
                auth:
                  serviceAccount:
                    name: coffer-reader
                    namespace: platform
                """, kube, "team-a");
        StoreContext referent = KubeStores.clusterStore("auth:\n  serviceAccount:\n    name: coffer-reader\n", kube, "team-a");
        newClient(named).close();
        newClient(referent).close();
        assertThat(kube.tokenRequests()).extracting(InMemoryKube.TokenRequest::namespace)
                .containsExactly("platform", "team-a");
    }

    @Test
    void withoutServerUrlTheStoreTalksToCoffersOwnApiServer() {
        kube.secret(KubeStores.APPS, "remote-token", Map.of("token", "t"));
        StoreContext store = KubeStores.secretStore("""
                server:
                  url: kubernetes.default
                auth:
                  token:
                    bearerToken: {name: remote-token, key: token}
                """, kube);
        try (SecretsClient client = newClient(store)) {
            assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        }
    }

    @Test
    void authRefUsesTheKubeconfigsServerAndToken() {
        kube.secret(KubeStores.APPS, "remote-kubeconfig", Map.of("config", kubeconfig("token: from-kubeconfig")));
        try (SecretsClient client = newClient(KubeStores.secretStore(
                "authRef: {name: remote-kubeconfig, key: config}\n", kube))) {
            assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        }
        assertThat(authorizationOfReads()).containsOnly("Bearer from-kubeconfig");
    }

    @Test
    void authRefRefusesKubeconfigsThatReachIntoTheOperatorsEnvironment() {
        for (String user : List.of("tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token",
                "exec: {apiVersion: client.authentication.k8s.io/v1, command: sh}",
                "client-certificate: /etc/tls.crt")) {
            kube.secret(KubeStores.APPS, "remote-kubeconfig", Map.of("config", kubeconfig(user)));
            StoreContext store = KubeStores.secretStore("authRef: {name: remote-kubeconfig, key: config}\n", kube);
            assertThatThrownBy(() -> newClient(store)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("is not supported")
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        }
    }

    @Test
    void theOperatorsOwnCredentialsNeverReachAStore() {
        // A kubeconfig without a user: were the client auto-configured, these would be picked up.
        System.setProperty("kubernetes.auth.token", "operator-token");
        try {
            kube.secret(KubeStores.APPS, "remote-kubeconfig", Map.of("config", kubeconfig("{}")));
            try (SecretsClient client = newClient(KubeStores.secretStore(
                    "authRef: {name: remote-kubeconfig, key: config}\n", kube))) {
                client.getSecret(ref("db", "username"));
            }
        } finally {
            System.clearProperty("kubernetes.auth.token");
        }
        List<RecordedRequest> reads = reads();
        assertThat(reads).isNotEmpty();
        assertThat(reads).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isNull());
    }

    private String kubeconfig(String user) {
        return """
                apiVersion: v1
                kind: Config
                current-context: remote
                clusters:
                - name: remote
                  cluster:
                    server: %s
                contexts:
                - name: remote
                  context: {cluster: remote, user: reader}
                users:
                - name: reader
                  user:
                    %s
                """.formatted(remote.url(), user.replace("\n", "\n    "));
    }

    static SecretsClient newClient(StoreContext store) {
        return new KubernetesProviderImpl().newClient(store);
    }

    /** Requests the provider made (the admin client seeds with no Authorization header). */
    static List<RecordedRequest> reads() {
        return remote.takeRequests().stream().filter(r -> r.getMethod().equals("GET")).toList();
    }

    static List<String> authorizationOfReads() {
        return reads().stream().map(r -> r.getHeader("Authorization")).toList();
    }
}
