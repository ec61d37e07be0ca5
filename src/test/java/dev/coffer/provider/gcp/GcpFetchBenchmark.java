package dev.coffer.provider.gcp;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.gcp.GcpTestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.provider.gcp.GcpReadTest.ref;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;

/**
 * 1,000 ExternalSecrets over 100 distinct Secret Manager secrets, refreshed together from a pool
 * of reconcile workers through the one client of the store, against the local gRPC Secret Manager
 * answering each call after a delay standing in for Google's latency; then 1,000 ExternalSecrets
 * with the same {@code find}. Prints provider calls per refresh cycle.
 */
@Tag("benchmark")
class GcpFetchBenchmark {

    private static final int EXTERNAL_SECRETS = 1000;
    private static final int DISTINCT_KEYS = 100;
    private static final int WORKERS = 50;
    private static final Duration LATENCY = Duration.ofMillis(20);

    @Test
    void refreshCycle() throws Exception {
        run("sharing on (default 5 s window)", true);
        run("sharing off (one call per ExternalSecret, as upstream)", false);
    }

    private void run(String label, boolean sharing) throws Exception {
        try (GcpTestStores t = new GcpTestStores()) {
            for (int k = 0; k < DISTINCT_KEYS; k++) {
                t.sm.addVersion(PROJECT, "warm-" + k, "{\"value\":\"" + k + "\"}");
                t.sm.addVersion(PROJECT, "bench-" + k, "{\"value\":\"" + k + "\"}");
            }
            t.sm.delay("AccessSecretVersion", LATENCY);
            t.sm.delay("ListSecrets", LATENCY);
            var options = sharing ? t.options() : t.options().withSharing(false, Duration.ZERO);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try (SecretsClient client = new GcpProviderImpl(options).newClient(t.store(GcpTestStores.block()))) {
                // Warm-up on other keys (connections, token, class loading), so the measured cycle finds nothing shared yet.
                together(pool, i -> () -> client.getSecret(ref("warm-" + (i % DISTINCT_KEYS), "value", null)));
                t.sm.clearCalls();
                long start = System.nanoTime();
                together(pool, i -> () -> client.getSecret(ref("bench-" + (i % DISTINCT_KEYS), "value", null)));
                long millis = (System.nanoTime() - start) / 1_000_000;
                long reads = t.sm.count("AccessSecretVersion");
                t.sm.clearCalls();
                ExternalSecretFind find = new ExternalSecretFind();
                find.name = new FindName();
                find.name.regexp = "^bench-1";
                together(pool, i -> () -> client.getAllSecrets(find));
                System.out.printf("GCP benchmark [%s]: %d ExternalSecrets over %d keys, %d workers, %d ms latency:"
                                + " %d AccessSecretVersion calls per refresh cycle, all done in %d ms;"
                                + " %d ExternalSecrets with one find: %d ListSecrets + %d AccessSecretVersion calls%n",
                        label, EXTERNAL_SECRETS, DISTINCT_KEYS, WORKERS, LATENCY.toMillis(), reads, millis,
                        EXTERNAL_SECRETS, t.sm.count("ListSecrets"), t.sm.count("AccessSecretVersion"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Runs one task per ExternalSecret, all released at once, and waits for every one. */
    private static void together(ExecutorService pool, java.util.function.IntFunction<Callable<?>> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < EXTERNAL_SECRETS; i++) {
            Callable<?> work = task.apply(i);
            done.add(pool.submit(() -> {
                go.await();
                return work.call();
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
    }
}
