package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log in once, renew at two thirds of the TTL, log in again only when needed, revoke on close. */
class VaultTokenLifecycleTest {

    private static final String ROLE = "coffer";
    private static final String SA = "coffer-sa";

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "static-token"));
    private VaultTestServer vault;
    private SecretsClient client;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2).loginTokens(300, 0, true)
                .accept("kubernetes", ROLE + ":" + InMemoryKube.tokenFor(VaultStores.NAMESPACE, SA));
        vault.put("secret", "app", Map.of("k", "v"));
        vault.put("secret", "private", Map.of("k", "v"));
        client = newClient(VaultStores.kubernetesAuth(VaultStores.kv2(vault.url()), ROLE, SA));
    }

    @AfterEach
    void stop() {
        client.close();
        vault.close();
    }

    private SecretsClient newClient(VaultProvider v) {
        return new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
    }

    private void read() {
        client.getSecret(remote("app", "k"));
    }

    private void concurrently(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    read();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentReadsShareOneLogin() throws Exception {
        concurrently(50);
        assertThat(vault.logins()).isEqualTo(1);
        assertThat(vault.kvReads()).isEqualTo(50);
        assertThat(kube.tokenRequests()).hasSize(1);
    }

    @Test
    void renewsAtTwoThirdsOfTheTtlOnceUnderConcurrency() throws Exception {
        read();
        clock.advance(Duration.ofSeconds(150));
        read();
        assertThat(vault.renewals()).isZero();
        clock.advance(Duration.ofSeconds(51)); // 201 s > 2/3 of 300 s
        concurrently(50);
        assertThat(vault.renewals()).isEqualTo(1);
        assertThat(vault.logins()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(150)); // renewed to 300 s at 201 s: next renewal due at 401 s
        read();
        assertThat(vault.renewals()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        read();
        assertThat(vault.renewals()).isEqualTo(2);
        assertThat(vault.logins()).isEqualTo(1);
    }

    @Test
    void aNonRenewableTokenIsReplacedByALoginBeforeItExpires() {
        vault.loginTokens(300, 0, false);
        read();
        clock.advance(Duration.ofSeconds(201));
        read();
        assertThat(vault.renewals()).isZero();
        assertThat(vault.logins()).isEqualTo(2);
    }

    @Test
    void nearItsMaxTtlTheTokenIsReplacedByALogin() {
        vault.loginTokens(300, 400, true);
        read();
        clock.advance(Duration.ofSeconds(201)); // renewal capped at 400 s: 199 s left, still worth it
        read();
        assertThat(vault.renewals()).isEqualTo(1);
        assertThat(vault.logins()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(133)); // 334 s: renewal leaves 66 s < a third of 300 s
        read();
        assertThat(vault.renewals()).isEqualTo(2);
        assertThat(vault.logins()).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsReplacedByALoginNotARenewal() {
        read();
        clock.advance(Duration.ofSeconds(400));
        read();
        assertThat(vault.renewals()).isZero();
        assertThat(vault.logins()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsDetectedByLookupSelfAndReplaced() {
        read();
        vault.revokeAll();
        read();
        assertThat(vault.lookups()).isEqualTo(1);
        assertThat(vault.logins()).isEqualTo(2);
    }

    @Test
    void aMissingPermissionIsAccessDeniedWithoutANewLogin() {
        vault.deny("secret/data/private");
        assertThatThrownBy(() -> client.getSecret(remote("private"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("secret/data/private")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        assertThat(vault.lookups()).isEqualTo(1);
        assertThat(vault.logins()).isEqualTo(1);
    }

    @Test
    void closeRevokesTheLoginTokenOnce() {
        read();
        client.close();
        client.close();
        assertThat(vault.revocations()).isEqualTo(1);
        assertThat(vault.liveTokens()).isZero();
        assertThatThrownBy(this::read).isInstanceOf(ProviderException.class).hasMessageContaining("closed");
    }

    @Test
    void aUserTokenIsNeitherRenewedNorRevoked() {
        client.close();
        vault.token("static-token", 300, true);
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = newClient(v);
        read();
        clock.advance(Duration.ofSeconds(250));
        read();
        client.close();
        assertThat(vault.renewals()).isZero();
        assertThat(vault.revocations()).isZero();
        assertThat(vault.logins()).isZero();
    }

    @Test
    void aRevokedUserTokenIsAClearAccessDenied() {
        client.close();
        vault.token("static-token", 0, false);
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = newClient(v);
        read();
        vault.revokeAll();
        assertThatThrownBy(this::read).isInstanceOf(ProviderException.class)
                .hasMessageContaining("tokenSecretRef is invalid, expired or revoked")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void validateLooksUpTheSharedToken() {
        client.validate();
        client.validate();
        assertThat(vault.logins()).isEqualTo(1);
        assertThat(vault.lookups()).isEqualTo(2);
    }
}
