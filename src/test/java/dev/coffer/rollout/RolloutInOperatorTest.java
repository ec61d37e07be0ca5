package dev.coffer.rollout;

import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.RolloutFixtures.createSecret;
import static dev.coffer.testsupport.RolloutFixtures.hashOf;
import static dev.coffer.testsupport.RolloutFixtures.restartEvents;
import static dev.coffer.testsupport.RolloutFixtures.setData;
import static dev.coffer.testsupport.RolloutFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollout restarts inside the running operator ({@code coffer.rollouts.enabled=true}, real clock):
 * a Secret an ExternalSecret writes and one written by hand both restart the Deployment that
 * uses them.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(RolloutInOperatorTest.Profile.class)
class RolloutInOperatorTest extends OperatorTest {

    static final String CANARY = "canary-51c0-operator-rollout";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coffer.rollouts.enabled", "true", "coffer.rollouts.debounce", "1s");
        }
    }

    @Inject
    RolloutService rollouts;

    @Test
    void aSecretWrittenByAnExternalSecretOrByHandRestartsTheDeployment() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db-password", "first"));
        createExternalSecret(ns, "db", """
                  target:
                    name: db
                  data:
                  - secretKey: password
                    remoteRef: {key: db-password}
                """);
        Await.synced(client, ns, "db");
        createSecret(client, ns, "tls", Map.of("password", "by-hand"), null);
        client.resource(workload("Deployment", ns, "web", "{reloader.stakater.com/auto: \"true\"}", "db", "tls")).create();
        Await.await().until(() -> rollouts.watcher() != null && rollouts.watcher().hasSynced());

        fakeStoreHolds(ns, Map.of("db-password", CANARY));
        forceSync(ns, "db");
        Await.await().untilAsserted(() -> assertThat(restartEvents(client, ns, "web")).extracting(Event::getMessage)
                .containsExactly("Restarted: Secret db changed"));
        String first = hashOf(client, Deployment.class, ns, "web");
        assertThat(first).isNotNull();

        setData(client, ns, "tls", Map.of("password", "rotated-by-hand"));
        Await.await().untilAsserted(() -> assertThat(restartEvents(client, ns, "web")).hasSize(2));
        assertThat(hashOf(client, Deployment.class, ns, "web")).isNotEqualTo(first);
        assertThat(client.v1().events().inNamespace(ns).list().getItems().toString()).doesNotContain(CANARY);
    }
}
