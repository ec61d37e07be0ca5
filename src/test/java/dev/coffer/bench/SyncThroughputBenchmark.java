package dev.coffer.bench;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.OperatorTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.externalSecret;

/**
 * How fast the operator brings many ExternalSecrets to Ready: N ExternalSecrets on one fake
 * store, through the real reconcilers and the mock API server (which is itself the bottleneck
 * on a small machine). Prints figures; asserts nothing about time.
 * Run: ./mvnw -B -q test -Pbenchmark -Dtest=SyncThroughputBenchmark [-Dcoffer.bench.count=1000]
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag("benchmark")
class SyncThroughputBenchmark extends OperatorTest {

    @Test
    void manyExternalSecretsToReady() {
        int count = Integer.getInteger("coffer.bench.count", 1000);
        String ns = newNamespace();
        Map<String, String> data = new HashMap<>();
        for (int k = 0; k < 100; k++) {
            data.put("key-" + k, "value-" + k);
        }
        fakeStoreIn(ns, data);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.resource(externalSecret("""
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: es-%d, namespace: %s}
                    spec:
                      refreshInterval: 1h
                      secretStoreRef: {name: fake}
                      data:
                      - secretKey: value
                        remoteRef: {key: key-%d}
                    """.formatted(i, ns, i % 100))).create();
        }
        long created = System.nanoTime();
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                client.resources(ExternalSecret.class).inNamespace(ns).list().getItems().stream()
                        .filter(es -> es.getStatus() != null && es.getStatus().conditions != null
                                && es.getStatus().conditions.stream().anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status)))
                        .count() == count);
        long ready = System.nanoTime();
        double total = (ready - start) / 1e9;
        System.out.printf("%nSyncThroughputBenchmark: %d ExternalSecrets created in %.1f s; all Ready after %.1f s (%.0f ExternalSecrets/s)%n",
                count, (created - start) / 1e9, total, count / total);
    }
}
