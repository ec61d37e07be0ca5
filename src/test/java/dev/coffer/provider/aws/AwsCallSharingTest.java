package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identical reads through one client (one store) share AWS calls. */
class AwsCallSharingTest {

    private AwsTestStores t;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        t.close();
    }

    private List<String> concurrently(SecretsClient client, int n, String key) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return new String(client.getSecret(ref(key)));
            }));
        }
        go.countDown();
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void concurrentIdenticalReadsMakeOneCall() throws Exception {
        t.aws.secretsManager().put("hot", "v");
        t.aws.delay("GetSecretValue", Duration.ofMillis(300)); // keep the first call in flight while the rest arrive
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager),
                t.options().withSharing(true, Duration.ZERO))) {
            assertThat(concurrently(c, 16, "hot")).hasSize(16).containsOnly("v");
        }
        assertThat(t.aws.count("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void withoutSharingEachReadCalls() throws Exception {
        t.aws.secretsManager().put("hot", "v");
        t.aws.delay("GetSecretValue", Duration.ofMillis(100));
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager), t.optionsWithoutSharing())) {
            concurrently(c, 16, "hot");
        }
        assertThat(t.aws.count("GetSecretValue")).isEqualTo(16);
    }

    @Test
    void aValueServesLaterReadsWithinTheWindowOnly() throws Exception {
        t.aws.secretsManager().put("k", "first");
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager),
                t.options().withSharing(true, Duration.ofMillis(400)).withShareClock(now::get))) {
            assertThat(new String(c.getSecret(ref("k")))).isEqualTo("first");
            t.aws.secretsManager().put("k", "second");
            assertThat(new String(c.getSecret(ref("k")))).isEqualTo("first");
            assertThat(t.aws.count("GetSecretValue")).isEqualTo(1);
            now.addAndGet(Duration.ofMillis(399).toNanos());
            assertThat(new String(c.getSecret(ref("k")))).as("still inside the window").isEqualTo("first");
            now.addAndGet(Duration.ofMillis(2).toNanos());
            assertThat(new String(c.getSecret(ref("k")))).isEqualTo("second");
            assertThat(t.aws.count("GetSecretValue")).isEqualTo(2);
        }
    }

    @Test
    void differentPropertiesAndVersionsAreDistinctRequestsButPropertiesShareTheFetch() {
        t.aws.secretsManager().put("j", "{\"a\":\"1\",\"b\":\"2\"}");
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            c.getSecret(ref("j", "a", null));
            c.getSecret(ref("j", "b", null));
            c.getSecretMap(ref("j"));
            assertThat(t.aws.count("GetSecretValue")).isEqualTo(1);
            c.getSecret(ref("j", null, "AWSCURRENT"));
            assertThat(t.aws.count("GetSecretValue")).isEqualTo(2);
        }
    }

    @Test
    void failuresAreNotKept() {
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            assertThatThrownBy(() -> c.getSecret(ref("late"))).isInstanceOf(ProviderException.class);
            t.aws.secretsManager().put("late", "now here");
            assertThat(new String(c.getSecret(ref("late")))).isEqualTo("now here");
        }
    }

    @Test
    void returnedBytesAreCopiesSoCallersCannotCorruptTheShare() {
        t.aws.secretsManager().put("k", "abc");
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            byte[] first = c.getSecret(ref("k"));
            first[0] = 'X';
            assertThat(new String(c.getSecret(ref("k")))).isEqualTo("abc");
        }
    }
}
