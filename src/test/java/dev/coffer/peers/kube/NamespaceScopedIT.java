package dev.coffer.peers.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's namespace-scoped mode ({@code watchNamespaces}) on a real API server: the operator
 * has Roles in the watched namespace only (and a ClusterRole for the cluster-scoped kinds), and
 * works with just that; resources elsewhere are not touched.
 */
@Tag("peers")
class NamespaceScopedIT {

    static final String WATCHED = "it-scoped-a";
    static final String OTHER = "it-scoped-b";

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static OperatorJar operator;

    @BeforeAll
    static void start() {
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        peer.ensureNamespace(WATCHED);
        peer.ensureNamespace(OTHER);
        operator = ChartInstall.install(peer, "coffer-scoped", Map.of("watchNamespaces[0]", WATCHED)).start("scoped-0");
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    private static ExternalSecret es(String ns) {
        return externalSecretOn(ns, "app", "SecretStore", "fake", """
                  data:
                  - secretKey: k
                    remoteRef: {key: k}
                """);
    }

    @Test
    void reconcilesTheWatchedNamespaceOnlyWithItsRoles() throws Exception {
        kube.resource(fakeStore(OTHER, "fake", Map.of("k", "other"))).create();
        kube.resource(es(OTHER)).create();
        kube.resource(fakeStore(WATCHED, "fake", Map.of("k", "watched"))).create();
        kube.resource(es(WATCHED)).create();

        Await.synced(kube, WATCHED, "app");
        Await.secret(kube, WATCHED, "app", s -> "watched".equals(decoded(s, "k")));

        Await.await().until(() -> !kube.secrets().inNamespace(ChartInstall.NAMESPACE).withLabel(KeySecrets.LABEL_SELECTOR)
                .list().getItems().isEmpty());
        var key = KeySecrets.read(kube.secrets().inNamespace(ChartInstall.NAMESPACE).withLabel(KeySecrets.LABEL_SELECTOR)
                .list().getItems().get(0)).publicKey();
        kube.resource(Fixtures.sealed(key, WATCHED, "sealed", Scope.STRICT, Map.of("v", "1"))).create();
        Await.secret(kube, WATCHED, "sealed", s -> "1".equals(decoded(s, "v")));

        // created before the watched one, never looked at
        ExternalSecret other = kube.resources(ExternalSecret.class).inNamespace(OTHER).withName("app").get();
        assertThat(other.getStatus()).isNull();
        assertThat(other.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(kube.secrets().inNamespace(OTHER).withName("app").get()).isNull();
        assertThat(operator.log()).doesNotContain("Forbidden").doesNotContain("forbidden").doesNotContain("HTTP 403");
    }
}
