package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.providers.VaultAppRole;
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

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealed, unreachable and refusing Vaults give typed errors that never carry secret values. */
class VaultErrorsTest {

    /** A value that must never show up in an error message. */
    private static final String CANARY = "canary-7f3a9c";

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"))
            .secret(VaultStores.NAMESPACE, "approle", Map.of("secret-id", CANARY));
    private VaultTestServer vault;
    private SecretsClient client;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2).token("root-token", 0, false);
        vault.put("secret", "app", Map.of("password", CANARY, "json", "{not json " + CANARY));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    private SecretsClient client(VaultProvider v) {
        if (v.auth.appRole == null) {
            v.auth.tokenSecretRef = ref("vault-token", "token");
        }
        client = new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
        return client;
    }

    @Test
    void aSealedVaultIsUnavailableAndSaysSealed() {
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        vault.sealed(true);
        assertThatThrownBy(() -> c.getSecret(remote("app"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("is sealed").hasMessageContaining("secret/data/app")
                .extracting("kind").isEqualTo(ProviderException.Kind.UNAVAILABLE);
    }

    @Test
    void anUnreachableVaultIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SecretsClient c = client(VaultStores.kv2("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> c.getSecret(remote("app"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("cannot reach Vault at http://127.0.0.1:" + port)
                .extracting("kind").isEqualTo(ProviderException.Kind.UNAVAILABLE);
    }

    @Test
    void failingCallsNeverCarrySecretValues() {
        List<Throwable> failures = new ArrayList<>();
        Consumer<Runnable> collect = call -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        };
        SecretsClient c = client(VaultStores.kv2(vault.url()));
        collect.accept(() -> c.getSecret(remote("app", "missing.path")));
        collect.accept(() -> c.getSecretMap(remote("app", "password")));
        collect.accept(() -> c.getSecretMap(remote("app", "json")));
        ExternalSecretDataRemoteRef badVersion = remote("app");
        badVersion.version = "9";
        collect.accept(() -> c.getSecret(badVersion));
        vault.sealed(true);
        collect.accept(() -> c.getSecret(remote("app")));
        vault.sealed(false);
        c.close();

        VaultProvider login = VaultStores.kv2(vault.url());
        login.auth.appRole = new VaultAppRole();
        login.auth.appRole.path = "approle";
        login.auth.appRole.roleId = "rid";
        login.auth.appRole.secretRef = ref("approle", "secret-id");
        SecretsClient rejected = client(login);
        collect.accept(() -> rejected.getSecret(remote("app")));

        assertThat(failures).hasSize(6);
        for (Throwable t : failures) {
            for (Throwable c2 = t; c2 != null; c2 = c2.getCause()) {
                assertThat(String.valueOf(c2.getMessage())).doesNotContain(CANARY);
            }
        }
    }
}
