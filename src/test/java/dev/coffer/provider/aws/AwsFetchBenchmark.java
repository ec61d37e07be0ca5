package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;

/**
 * 1,000 ExternalSecrets over 100 distinct Secrets Manager keys, refreshed together: the fetch
 * step of each reconcile (one getSecret) issued at once from a pool of reconcile workers,
 * through the one client the client cache hands every ExternalSecret of the store. The local
 * endpoint answers each GetSecretValue after a delay standing in for AWS latency. Prints figures.
 */
@Tag("benchmark")
class AwsFetchBenchmark {

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
        try (AwsTestStores t = new AwsTestStores()) {
            for (int k = 0; k < DISTINCT_KEYS; k++) {
                t.aws.secretsManager().put("bench/key-" + k, "{\"value\":\"" + k + "\"}");
            }
            t.aws.delay("GetSecretValue", LATENCY);
            var options = sharing ? t.options() : t.optionsWithoutSharing();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try (SecretsClient client = t.client(AwsTestStores.block(AwsServiceType.SecretsManager), options)) {
                cycle(pool, client); // warm-up: connections, class loading
                Thread.sleep(AwsOptions.DEFAULT_SHARE_WINDOW.toMillis() + 200); // let the window lapse: a real refresh comes later
                t.aws.clearRequests();
                long start = System.nanoTime();
                cycle(pool, client);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long calls = t.aws.count("GetSecretValue");
                t.aws.clearRequests();
                cycle(pool, client);
                long again = t.aws.count("GetSecretValue");
                System.out.printf("AWS benchmark [%s]: %d ExternalSecrets over %d keys, %d workers, %d ms latency:"
                                + " %d GetSecretValue calls per refresh cycle, all done in %d ms;"
                                + " an immediate second cycle: %d calls%n",
                        label, EXTERNAL_SECRETS, DISTINCT_KEYS, WORKERS, LATENCY.toMillis(), calls, millis, again);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void cycle(ExecutorService pool, SecretsClient client) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> done = new ArrayList<>();
        for (int i = 0; i < EXTERNAL_SECRETS; i++) {
            String key = "bench/key-" + (i % DISTINCT_KEYS);
            done.add(pool.submit(() -> {
                go.await();
                return client.getSecret(ref(key, "value", null));
            }));
        }
        go.countDown();
        for (Future<byte[]> f : done) {
            f.get();
        }
    }
}
