package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RBAC is enforced for real here: the chart's ClusterRole without one grant ({@code create} on
 * Secrets) leaves the operator unable to write, it says so in the ExternalSecret's status, and
 * writes nothing. The same refusal in {@link OperatorOnApiServerIT} would fail it.
 */
@Tag("peers")
class MissingGrantIT {

    static final String NS = "it-missing-grant";

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static OperatorJar operator;

    @BeforeAll
    static void start() {
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        operator = ChartInstall.install(peer, "coffer-less", Map.of("sealedSecrets.enabled", false),
                MissingGrantIT::withoutSecretCreate).start("less-0");
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    /** The ClusterRole's Secret rule without the create verb. */
    static List<ObjectNode> withoutSecretCreate(List<ObjectNode> identity) {
        int removed = 0;
        for (ObjectNode doc : identity) {
            if (!doc.path("kind").asText().equals("ClusterRole")) {
                continue;
            }
            for (var rule : doc.path("rules")) {
                if (rule.path("resources").toString().equals("[\"secrets\"]")) {
                    ArrayNode verbs = (ArrayNode) rule.path("verbs");
                    for (int i = verbs.size() - 1; i >= 0; i--) {
                        if (verbs.get(i).asText().equals("create")) {
                            verbs.remove(i);
                            removed++;
                        }
                    }
                }
            }
        }
        assertThat(removed).as("the chart grants create on secrets in its ClusterRole").isEqualTo(1);
        return identity;
    }

    @Test
    void aMissingGrantIsRefusedAndReported() {
        peer.ensureNamespace(NS);
        kube.resource(fakeStore(NS, "fake", Map.of("k", "v"))).create();
        kube.resource(externalSecretOn(NS, "app", "SecretStore", "fake", """
                  data:
                  - secretKey: k
                    remoteRef: {key: k}
                """)).create();
        Await.failing(kube, NS, "app", "HTTP 403");
        assertThat(kube.secrets().inNamespace(NS).withName("app").get()).isNull();
    }
}
