package dev.coffer.peers.kube;

import dev.coffer.rollout.RolloutScenarios;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.util.UUID;

/**
 * The rollout-restart scenarios against the real kube-apiserver: real watches and bookmarks,
 * JSON merge patches of apps/v1 workloads (generation bumps), Events validated by the server.
 * There is no controller-manager, so no pod is created: the pod template is what is checked.
 */
@Tag("peers")
class RolloutOnApiServerTest extends RolloutScenarios {

    static KubeApiServerPeer peer;

    @BeforeAll
    static void start() {
        peer = KubeApiServerPeer.shared();
        Await.setPatience(Duration.ofSeconds(60));
    }

    @AfterAll
    static void patience() {
        Await.setPatience(Duration.ofSeconds(20));
    }

    @Override
    protected KubernetesClient client() {
        return peer.admin();
    }

    @Override
    protected String newNamespace() {
        String ns = "rollout-" + UUID.randomUUID().toString().substring(0, 8);
        peer.ensureNamespace(ns);
        return ns;
    }
}
