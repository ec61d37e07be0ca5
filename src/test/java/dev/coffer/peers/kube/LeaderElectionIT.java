package dev.coffer.peers.kube;

import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operator processes installed as the chart installs two replicas (leader election on, the
 * Lease grants in its Role), on a real API server: only the Lease holder reconciles; when it is
 * stopped, the standby takes the Lease and carries on.
 */
@Tag("peers")
class LeaderElectionIT {

    static final String NS = "it-leader";

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static ChartInstall.Installed chart;
    static OperatorJar a;
    static OperatorJar b;

    @BeforeAll
    static void start() {
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        chart = ChartInstall.install(peer, "coffer-ha", Map.of("replicaCount", 2,
                "leaderElection.leaseDuration", "6s", "leaderElection.renewDeadline", "4s", "leaderElection.retryPeriod", "1s"));
        assertThat(chart.applicationProperties()).contains("coffer.leader-election.enabled=true");
    }

    @AfterAll
    static void stop() {
        for (OperatorJar op : new OperatorJar[] {a, b}) {
            if (op != null) {
                op.close();
            }
        }
    }

    private static String holder() {
        Lease lease = kube.leases().inNamespace(ChartInstall.NAMESPACE).withName("coffer-leader").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void externalSecret(String name) {
        kube.resource(externalSecretOn(NS, name, "SecretStore", "fake", """
                  data:
                  - secretKey: k
                    remoteRef: {key: k}
                """)).create();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheStandbyTakesOver() {
        peer.ensureNamespace(NS);
        kube.resource(fakeStore(NS, "fake", Map.of("k", "v"))).create();
        a = chart.start("coffer-ha-a");
        Await.await().until(() -> "coffer-ha-a".equals(holder()));
        b = chart.start("coffer-ha-b");

        externalSecret("one");
        Await.synced(kube, NS, "one");
        assertThat(a.log()).contains("Secret " + NS + "/one");
        assertThat(b.log()).doesNotContain("Secret " + NS + "/one");
        assertThat(holder()).isEqualTo("coffer-ha-a");

        a.stop();
        Await.await().until(() -> "coffer-ha-b".equals(holder()));
        externalSecret("two");
        Await.synced(kube, NS, "two");
        assertThat(b.log()).contains("Secret " + NS + "/two");
        assertThat(a.log() + b.log()).doesNotContain("Forbidden").doesNotContain("forbidden").doesNotContain("HTTP 403");
    }
}
