package dev.coffer.rollout;

import dev.coffer.cli.ManifestApplier;
import dev.coffer.kube.EventRecorder;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.Await.await;
import static dev.coffer.testsupport.RolloutFixtures.hashOf;
import static dev.coffer.testsupport.RolloutFixtures.restartEvents;
import static dev.coffer.testsupport.RolloutFixtures.setData;
import static org.assertj.core.api.Assertions.assertThat;

/** examples/pods applies, and its Reloader Deployment restarts when one of its Secrets changes. */
class PodExamplesTest {

    @Test
    void theReloaderExampleRestarts() {
        try (MockApiServer server = MockApiServer.http()) {
            KubernetesClient client = server.admin();
            new ManifestApplier(client).apply(List.of(Path.of("examples", "pods")));
            assertThat(client.apps().deployments().inNamespace("pods-demo").withName("billing").get()).isNotNull();

            MutableClock clock = new MutableClock();
            try (RolloutWatcher watcher = new RolloutWatcher(client, new EventRecorder(client, "coffer"),
                    new RolloutSettings(List.of("pods-demo"), Duration.ofSeconds(5)), clock, () -> true)) {
                watcher.start();
                await().until(watcher::hasSynced);
                setData(client, "pods-demo", "web-tls", Map.of("tls.key", "another-key"));
                await().until(() -> watcher.pending() == 1);
                clock.advance(Duration.ofSeconds(5));
                assertThat(watcher.tick()).isEqualTo(1);
            }
            assertThat(hashOf(client, Deployment.class, "pods-demo", "web")).isNotNull();
            assertThat(hashOf(client, Deployment.class, "pods-demo", "billing")).isNull();
            assertThat(restartEvents(client, "pods-demo", "web")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Restarted: Secret web-tls changed"));
        }
    }
}
