package dev.coffer.e2e;

import dev.coffer.cli.ManifestApplier;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ClusterSecretStoreReconciler;
import dev.coffer.store.SecretStoreReconciler;
import dev.coffer.store.StoreReconciliation;
import dev.coffer.store.StoreValidator;
import dev.coffer.sync.ExternalSecretReconciler;
import dev.coffer.sync.GoTemplater;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.util.List;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The happy path on a real API server (k3s): real CRD validation, defaults, watches and garbage
 * collection. The same reconcilers as in production, registered with a plain JOSDK operator.
 * Skips where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sHappyPathTest {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @Test
    void examplesSyncOnARealCluster() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build()) {
            new ManifestApplier(client).apply(List.of(Path.of("crds")));
            client.apiextensions().v1().customResourceDefinitions().list().getItems().forEach(crd ->
                    client.apiextensions().v1().customResourceDefinitions().resource(crd)
                            .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                                    .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                                    60, java.util.concurrent.TimeUnit.SECONDS));
            ProviderRegistry registry = ProviderRegistry.standard();
            ClientCache cache = new ClientCache();
            var kube = new ApiServerKubeAccess(client);
            var events = new EventRecorder(client, "coffer");
            var stores = new StoreReconciliation(new StoreValidator(registry, cache), kube, events);
            Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
            operator.register(new SecretStoreReconciler(stores));
            operator.register(new ClusterSecretStoreReconciler(stores));
            operator.register(new ExternalSecretReconciler(client, registry, cache, kube, events,
                    new SyncMetrics(new SimpleMeterRegistry()), new GoTemplater()));
            operator.start();
            try {
                new ManifestApplier(client).apply(List.of(Path.of("examples", "fake")));
                Await.synced(client, "demo", "database");
                assertThat(decoded(client.secrets().inNamespace("demo").withName("database-credentials").get(), "username"))
                        .isEqualTo("app_user");
            } finally {
                operator.stop();
                cache.close();
            }
        }
    }
}
