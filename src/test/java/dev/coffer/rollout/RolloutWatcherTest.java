package dev.coffer.rollout;

import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/** {@link RolloutScenarios} against the Fabric8 CRUD mock API server. */
class RolloutWatcherTest extends RolloutScenarios {

    static MockApiServer server;

    @BeforeAll
    static void start() {
        server = MockApiServer.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected KubernetesClient client() {
        return server.admin();
    }

    @Override
    protected String newNamespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
