package dev.coffer.provider.gcp;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.RefreshCycle;
import dev.coffer.testsupport.gcp.GcpTestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.coffer.testsupport.RefreshCycle.DISTINCT_KEYS;
import static dev.coffer.testsupport.RefreshCycle.EXTERNAL_SECRETS;
import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;

/**
 * 1,000 ExternalSecrets over 100 distinct Secret Manager secrets, refreshed together through the
 * one client of the store, against the local gRPC Secret Manager answering each call after a
 * delay standing in for Google's latency; then 1,000 ExternalSecrets with the same {@code find}.
 * Prints provider calls per refresh cycle, with call sharing on and off.
 */
@Tag("benchmark")
class GcpFetchBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);

    /** Calls one refresh cycle made: reads for the 1,000 gets; listing pages and reads for the 1,000 finds. */
    record Cycle(long reads, long millis, long listPages, long findReads) {
    }

    @Test
    void callsPerRefreshCycle() throws Exception {
        print("sharing on (default 5 s window)", measure(true, LATENCY));
        print("sharing off (one call per ExternalSecret, as upstream)", measure(false, LATENCY));
    }

    static Cycle measure(boolean sharing, Duration latency) throws Exception {
        try (GcpTestStores t = new GcpTestStores()) {
            for (int k = 0; k < DISTINCT_KEYS; k++) {
                t.sm.addVersion(PROJECT, "warm-" + k, "{\"value\":\"" + k + "\"}");
                t.sm.addVersion(PROJECT, "bench-" + k, "{\"value\":\"" + k + "\"}");
            }
            t.sm.delay("AccessSecretVersion", latency);
            t.sm.delay("ListSecrets", latency);
            var options = sharing ? t.options() : t.options().withSharing(false, Duration.ZERO);
            ExecutorService pool = Executors.newFixedThreadPool(RefreshCycle.WORKERS);
            try (SecretsClient client = new GcpProviderImpl(options).newClient(t.store(GcpTestStores.block()))) {
                // Warm-up on other keys (connections, token, class loading): the measured cycle finds nothing shared yet.
                RefreshCycle.run(pool, i -> () -> client.getSecret(ref("warm-" + (i % DISTINCT_KEYS), "value", null)));
                t.sm.clearCalls();
                long millis = RefreshCycle.run(pool, i -> () -> client.getSecret(ref("bench-" + (i % DISTINCT_KEYS), "value", null)));
                long reads = t.sm.count("AccessSecretVersion");
                t.sm.clearCalls();
                ExternalSecretFind find = new ExternalSecretFind();
                find.name = new FindName();
                find.name.regexp = "^bench-1";
                RefreshCycle.run(pool, i -> () -> client.getAllSecrets(find));
                return new Cycle(reads, millis, t.sm.count("ListSecrets"), t.sm.count("AccessSecretVersion"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static void print(String label, Cycle c) {
        System.out.printf("GCP benchmark [%s]: %d ExternalSecrets over %d keys, %d ms latency:"
                        + " %d AccessSecretVersion calls per refresh cycle, all done in %d ms;"
                        + " %d ExternalSecrets with one find: %d ListSecrets pages (of %d) + %d AccessSecretVersion calls%n",
                label, EXTERNAL_SECRETS, DISTINCT_KEYS, LATENCY.toMillis(), c.reads(), c.millis(), EXTERNAL_SECRETS,
                c.listPages(), dev.coffer.testsupport.gcp.FakeSecretManager.PAGE_SIZE, c.findReads());
    }
}
