package dev.coffer.provider.azure;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.RefreshCycle;
import dev.coffer.testsupport.azure.AzureTestStores;
import dev.coffer.testsupport.azure.FakeKeyVault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.coffer.testsupport.RefreshCycle.DISTINCT_KEYS;
import static dev.coffer.testsupport.RefreshCycle.EXTERNAL_SECRETS;
import static dev.coffer.testsupport.RemoteRefs.ref;

/**
 * 1,000 ExternalSecrets over 100 distinct Key Vault secrets, refreshed together through the one
 * client of the store, against the local Key Vault answering each call after a delay standing in
 * for Azure's latency; then 1,000 ExternalSecrets with the same {@code find}. Prints provider
 * calls per refresh cycle, with call sharing on and off ({@link AzureRefreshCycleTest} asserts the
 * counts without the delay).
 */
@Tag("benchmark")
class AzureFetchBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);

    /** Calls one refresh cycle made: reads for the 1,000 gets; listing pages and reads for the 1,000 finds. */
    record Cycle(int reads, long millis, int listPages, int findReads) {
    }

    @Test
    void callsPerRefreshCycle() throws Exception {
        print("sharing on (default 5 s window)", measure(true, LATENCY));
        print("sharing off (one call per ExternalSecret, as upstream)", measure(false, LATENCY));
    }

    static Cycle measure(boolean sharing, Duration latency) throws Exception {
        try (AzureTestStores t = new AzureTestStores()) {
            for (int k = 0; k < DISTINCT_KEYS; k++) {
                t.vault.putSecret("warm-" + k, "{\"value\":\"" + k + "\"}");
                t.vault.putSecret("bench-" + k, "{\"value\":\"" + k + "\"}");
            }
            t.vault.delay("GetSecret", latency);
            t.vault.delay("GetSecrets", latency);
            var options = sharing ? t.options() : t.options().withSharing(false, Duration.ZERO);
            ExecutorService pool = Executors.newFixedThreadPool(RefreshCycle.WORKERS);
            try (SecretsClient client = new AzureProviderImpl(options).newClient(t.store(t.storeManifest(AzureTestStores.SP_AUTH)))) {
                // Warm-up on other keys (connections, token, class loading): the measured cycle finds nothing shared yet.
                RefreshCycle.run(pool, i -> () -> client.getSecret(ref("warm-" + (i % DISTINCT_KEYS), "value", null)));
                t.vault.clearCalls();
                long millis = RefreshCycle.run(pool, i -> () -> client.getSecret(ref("bench-" + (i % DISTINCT_KEYS), "value", null)));
                int reads = t.vault.count("GetSecret");
                t.vault.clearCalls();
                ExternalSecretFind find = new ExternalSecretFind();
                find.name = new FindName();
                find.name.regexp = "^bench-1";
                RefreshCycle.run(pool, i -> () -> client.getAllSecrets(find));
                return new Cycle(reads, millis, t.vault.count("GetSecrets"), t.vault.count("GetSecret"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static void print(String label, Cycle c) {
        System.out.printf("Azure benchmark [%s]: %d ExternalSecrets over %d keys, %d ms latency: %d GetSecret calls per"
                        + " refresh cycle, all done in %d ms; %d ExternalSecrets with one find: %d GetSecrets pages (of %d)"
                        + " + %d GetSecret calls%n", label, EXTERNAL_SECRETS, DISTINCT_KEYS, LATENCY.toMillis(), c.reads(),
                c.millis(), EXTERNAL_SECRETS, c.listPages(), FakeKeyVault.PAGE_SIZE, c.findReads());
    }
}
