package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.deploy.CofferChart;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What {@code helm install} of {@code helm/coffer} puts in a cluster, as far as the operator's
 * identity goes: the chart is rendered with real Helm, and its ServiceAccount, ClusterRole,
 * Roles and bindings are applied to the real API server. The operator then runs with a token of
 * that ServiceAccount (TokenRequest), so every request it makes is authorized by the chart's RBAC
 * and nothing else.
 */
public final class ChartInstall {

    static final String NAMESPACE = CofferChart.NAMESPACE;
    private static final Set<String> IDENTITY_KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Role", "RoleBinding");

    /** The installed release: the operator's kubeconfig and its chart-rendered application.properties. */
    public record Installed(String release, String serviceAccount, Path kubeconfig, String applicationProperties,
                     List<ObjectNode> identity) {

        /**
         * Starts the packaged operator with this release's identity and configuration. Generated
         * sealing keys are 2048-bit: the same code path, a quicker start on a shared machine.
         */
        public OperatorJar start(String podName) {
            return OperatorJar.start(podName, NAMESPACE, kubeconfig, applicationProperties,
                    Map.of("coffer.sealing.key-bits", "2048"));
        }
    }

    private ChartInstall() {
    }

    /**
     * The shared API server with the CRDs, for a test of the packaged operator (skipped when the
     * jar or a peer is missing); waits are longer than against the in-process mock.
     */
    public static KubeApiServerPeer peerForOperator() {
        OperatorJar.require();
        KubeApiServerPeer peer = Crds.installedOn();
        Await.setPatience(Duration.ofSeconds(90));
        return peer;
    }

    public static Installed install(KubeApiServerPeer peer, String release, Map<String, ?> values) {
        return install(peer, release, values, UnaryOperator.identity());
    }

    /** Renders and applies the release; {@code edit} may change the identity manifests first (to take a grant away). */
    public static Installed install(KubeApiServerPeer peer, String release, Map<String, ?> values,
                             UnaryOperator<List<ObjectNode>> edit) {
        List<ObjectNode> docs = CofferChart.render(release, values);
        List<ObjectNode> identity = edit.apply(docs.stream().filter(d -> IDENTITY_KINDS.contains(d.path("kind").asText()))
                .toList());
        peer.ensureNamespace(NAMESPACE);
        for (ObjectNode doc : identity) {
            String ns = doc.at("/metadata/namespace").asText();
            if (!ns.isEmpty()) {
                peer.ensureNamespace(ns);
            }
            peer.admin().resource(Serialization.unmarshal(doc.toString(), GenericKubernetesResource.class))
                    .forceConflicts().serverSideApply();
        }
        String serviceAccount = identity.stream().filter(d -> d.path("kind").asText().equals("ServiceAccount"))
                .map(d -> d.at("/metadata/name").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("the chart rendered no ServiceAccount"));
        String properties = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .map(d -> d.at("/data/application.properties").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("the chart rendered no ConfigMap"));
        String token = peer.serviceAccountToken(NAMESPACE, serviceAccount, Duration.ofHours(2));
        try {
            Path dir = Files.createDirectories(Path.of("target", "peers"));
            Path kubeconfig = peer.tokenKubeconfig(dir.resolve(release + ".kubeconfig"), token);
            return new Installed(release, serviceAccount, kubeconfig, properties, identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
