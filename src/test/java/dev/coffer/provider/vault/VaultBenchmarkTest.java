package dev.coffer.provider.vault;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.testsupport.vault.VaultStores.remote;

/**
 * 1,000 ExternalSecrets on one Vault store with kubernetes auth, refreshed twice: every fetch goes
 * through one shared client from a thread pool, as the reconcilers do. Prints logins and KV reads.
 */
@Tag("benchmark")
class VaultBenchmarkTest {

    private static final int SECRETS = 1_000;
    private static final int THREADS = 16;

    @Test
    void thousandExternalSecretsTwice() throws Exception {
        InMemoryKube kube = new InMemoryKube();
        try (VaultTestServer vault = VaultTestServer.start(Clock.systemUTC()).mount("secret", 2)
                .accept("kubernetes", "coffer:" + InMemoryKube.tokenFor(VaultStores.NAMESPACE, "coffer"))) {
            for (int i = 0; i < SECRETS; i++) {
                vault.put("secret", "apps/app-" + i, Map.of("password", "pw-" + i));
            }
            SecretsClient client = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"))
                    .newClient(VaultStores.context(VaultStores.kubernetesAuth(VaultStores.kv2(vault.url()), "coffer", "coffer"),
                            kube));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (int round = 1; round <= 2; round++) {
                    long start = System.nanoTime();
                    List<Future<byte[]>> fetches = new ArrayList<>();
                    for (int i = 0; i < SECRETS; i++) {
                        String key = "apps/app-" + i;
                        fetches.add(pool.submit(() -> client.getSecret(remote(key, "password"))));
                    }
                    for (Future<byte[]> f : fetches) {
                        f.get();
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("vault benchmark round %d: %d fetches in %d ms on %d threads; logins so far %d,"
                                    + " KV reads so far %d, TokenRequests so far %d%n", round, SECRETS, ms, THREADS,
                            vault.logins(), vault.kvReads(), kube.tokenRequests().size());
                }
            } finally {
                pool.shutdownNow();
                client.close();
            }
            System.out.printf("vault benchmark total: logins %d, KV reads %d, renewals %d, revocations on close %d%n",
                    vault.logins(), vault.kvReads(), vault.renewals(), vault.revocations());
        }
    }
}
