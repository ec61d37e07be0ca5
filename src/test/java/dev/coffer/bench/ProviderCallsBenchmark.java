package dev.coffer.bench;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SharedReads;
import dev.coffer.provider.fake.FakeProviderImpl;
import dev.coffer.provider.kubernetes.KubernetesProviderImpl;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.sync.GoTemplater;
import dev.coffer.sync.SyncEngine;
import dev.coffer.testsupport.FakeStores;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.aws.AwsTestStores;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Backend calls per refresh cycle, per provider: 1,000 ExternalSecrets over 100 keys of one
 * store, each fetched through the fetch step ({@link SyncEngine}, where reads are shared) from
 * a pool of 50 reconcile workers at once, with one shared client as the client cache gives it.
 * Counted on the backend (the Vault fake's KV reads, the AWS fake's GetSecretValue, the mock API
 * server's Secret GETs; the fake provider's client calls). Then a second cycle once the share
 * window has passed (an injected clock, no sleep). Prints figures; asserts nothing about time.
 * Run: ./mvnw -B -q test -Pbenchmark -Dtest=ProviderCallsBenchmark
 */
@Tag("benchmark")
class ProviderCallsBenchmark {

    static final int EXTERNAL_SECRETS = 1000;
    static final int KEYS = 100;
    static final int WORKERS = 50;

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> report = new ArrayList<>();

    @Test
    void callsPerRefreshCycle() throws Exception {
        fake();
        vault();
        aws();
        kubernetes();
        System.out.println();
        report.forEach(line -> System.out.println("ProviderCallsBenchmark: " + line));
    }

    private void fake() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        for (int k = 0; k < KEYS; k++) {
            data.put("key-" + k, "value-" + k);
        }
        SecretsClient real = new FakeProviderImpl().newClient(FakeStores.context(TestResources.fakeStore("apps", "fake", data)));
        Counting counting = new Counting(real);
        measure("fake", counting, counting.calls::get, i -> "{key: key-" + (i % KEYS) + "}");
    }

    private void vault() throws Exception {
        InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
        try (VaultTestServer vault = VaultTestServer.start(Clock.systemUTC()).mount("secret", 2).token("root-token", 0, false)) {
            for (int k = 0; k < KEYS; k++) {
                vault.put("secret", "apps/key-" + k, Map.of("password", "pw-" + k, "user", "u-" + k));
            }
            var v = VaultStores.kv2(vault.url());
            v.auth.tokenSecretRef = VaultStores.ref("vault-token", "token");
            try (SecretsClient client = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"))
                    .newClient(VaultStores.context(v, kube))) {
                measure("vault (KV v2 fake, two properties of one key per ExternalSecret)", client, vault::kvReads,
                        i -> "{key: apps/key-" + (i % KEYS) + ", property: password}\n  - secretKey: user\n    remoteRef: "
                                + "{key: apps/key-" + (i % KEYS) + ", property: user}");
            }
        }
    }

    private void aws() throws Exception {
        try (AwsTestStores t = new AwsTestStores()) {
            for (int k = 0; k < KEYS; k++) {
                t.aws.secretsManager().put("bench/key-" + k, "{\"value\":\"" + k + "\"}");
            }
            try (SecretsClient client = t.client(AwsTestStores.block(AwsServiceType.SecretsManager), t.optionsWithoutSharing())) {
                measure("aws (Secrets Manager fake, the provider's own sharing off)", client,
                        () -> t.aws.count("GetSecretValue"), i -> "{key: bench/key-" + (i % KEYS) + ", property: value}");
            }
        }
    }

    private void kubernetes() throws Exception {
        try (MockApiServer remote = MockApiServer.http()) {
            for (int k = 0; k < KEYS; k++) {
                remote.createSecret("shared-secrets", "key-" + k, Map.of("value", "v-" + k));
            }
            remote.takeRequests();
            InMemoryKube kube = new InMemoryKube().apiServerUrl(remote.url())
                    .secret("apps", "remote-token", Map.of("token", "t0ken"));
            AtomicInteger gets = new AtomicInteger();
            try (SecretsClient client = new KubernetesProviderImpl().newClient(StoreFixtures.context("""
                    apiVersion: external-secrets.io/v1
                    kind: SecretStore
                    metadata: {name: remote, namespace: apps}
                    spec:
                      provider:
                        kubernetes:
                          remoteNamespace: shared-secrets
                          server: {url: %s}
                          auth: {token: {bearerToken: {name: remote-token, key: token}}}
                    """.formatted(remote.url()), kube))) {
                measure("kubernetes (mock API server)", client, () -> gets.addAndGet((int) remote.takeRequests().stream()
                        .filter(r -> "GET".equals(r.getMethod()) && r.getPath().contains("/secrets/key-")).count()),
                        i -> "{key: key-" + (i % KEYS) + ", property: value}");
            }
        }
    }

    /** Two cycles (the second after the share window), calls counted by {@code calls} (cumulative). */
    private void measure(String provider, SecretsClient client, LongSupplier calls, java.util.function.IntFunction<String> remoteRef)
            throws Exception {
        SyncEngine engine = new SyncEngine(new GoTemplater(), new SharedReads(SharedReads.DEFAULT_WINDOW, nanos::get));
        List<ExternalSecret> all = new ArrayList<>();
        for (int i = 0; i < EXTERNAL_SECRETS; i++) {
            all.add(TestResources.externalSecret("""
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: es-%d, namespace: apps}
                    spec:
                      secretStoreRef: {name: store}
                      data:
                      - secretKey: value
                        remoteRef: %s
                    """.formatted(i, remoteRef.apply(i))));
        }
        long before = calls.getAsLong();
        long t0 = System.nanoTime();
        cycle(engine, client, all);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long first = calls.getAsLong() - before;
        nanos.addAndGet(SharedReads.DEFAULT_WINDOW.toNanos());
        cycle(engine, client, all);
        long second = calls.getAsLong() - before - first;
        report.add(String.format("%s: %d ExternalSecrets over %d keys, %d workers: %d backend calls per refresh cycle"
                        + " (%d ms); the next cycle, after the %d s window: %d calls", provider, EXTERNAL_SECRETS, KEYS,
                WORKERS, first, ms, SharedReads.DEFAULT_WINDOW.toSeconds(), second));
    }

    private static void cycle(SyncEngine engine, SecretsClient client, List<ExternalSecret> all) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ExternalSecret es : all) {
                done.add(pool.submit(() -> {
                    go.await();
                    return engine.fetch(es, ref -> client);
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

    /** The fake provider has no backend of its own: its client's calls are counted. */
    private static final class Counting implements SecretsClient {
        final AtomicInteger calls = new AtomicInteger();
        final SecretsClient inner;

        Counting(SecretsClient inner) {
            this.inner = inner;
        }

        @Override
        public String providerName() {
            return inner.providerName();
        }

        @Override
        public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
            calls.incrementAndGet();
            return inner.getSecret(ref);
        }

        @Override
        public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
            calls.incrementAndGet();
            return inner.getSecretMap(ref);
        }

        @Override
        public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
            calls.incrementAndGet();
            return inner.getAllSecrets(find);
        }
    }
}
