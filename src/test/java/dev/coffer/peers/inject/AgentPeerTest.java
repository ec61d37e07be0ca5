package dev.coffer.peers.inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.inject.InjectedFile;
import dev.coffer.inject.InjectionSpec;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.PeerBinaries;
import dev.coffer.testsupport.peers.PeerProcess;
import dev.coffer.testsupport.peers.VaultDevServer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code coffer agent} as a process, as the injected containers run it: it logs in to the real
 * Vault with kubernetes auth and a service-account token the real API server issued (Vault checks
 * it with a TokenReview there), renders the files, and as a sidecar re-renders after a change.
 * Its output names files only (canary). Skipped (one line) without the Vault or API server peer.
 */
@Tag("peers")
class AgentPeerTest {

    static final String NS = "agent-apps";
    static final String CANARY_V1 = "canary-agent-7c41-one";
    static final String CANARY_V2 = "canary-agent-7c41-two";
    static final ObjectMapper JSON = new ObjectMapper();

    static KubeApiServerPeer kube;
    static VaultDevServer vault;
    Path work;
    final List<PeerProcess> started = new ArrayList<>();

    @BeforeAll
    static void startPeers() {
        PeerBinaries.require("vault", "vault");
        kube = KubeApiServerPeer.shared();
        vault = VaultDevServer.start();
        kube.ensureServiceAccount("agent-vault-system", "agent-reviewer");
        kube.admin().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName("coffer-agent-token-review").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("system:auth-delegator").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace("agent-vault-system").withName("agent-reviewer").endSubject()
                .build()).createOr(existing -> existing.update());
        kube.ensureServiceAccount(NS, "injected-app");
        vault.write("sys/policies/acl/agent-app", Map.of("policy", "path \"secret/data/agent/*\" { capabilities = [\"read\"] }"));
        vault.write("sys/auth/kubernetes", Map.of("type", "kubernetes"));
        vault.write("auth/kubernetes/config", Map.of("kubernetes_host", kube.url(), "kubernetes_ca_cert", kube.caPem(),
                "token_reviewer_jwt", kube.serviceAccountToken("agent-vault-system", "agent-reviewer", Duration.ofHours(1))));
        vault.write("auth/kubernetes/role/agent-app", Map.of("bound_service_account_names", List.of("injected-app"),
                "bound_service_account_namespaces", List.of(NS), "token_policies", List.of("agent-app"), "token_ttl", "1h"));
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        work = PeerProcess.tempFolder("coffer-agent");
        Files.writeString(work.resolve("token"), kube.serviceAccountToken(NS, "injected-app", Duration.ofHours(1)));
        vault.write("secret/data/agent/db", Map.of("data", Map.of("username", "app", "password", CANARY_V1)));
    }

    @AfterEach
    void tearDown() {
        started.forEach(PeerProcess::close);
        PeerProcess.deleteTree(work);
    }

    List<String> agent(String mode) throws Exception {
        InjectionSpec spec = new InjectionSpec("agent-app", "auth/kubernetes", null, work.resolve("secrets").toString(), false,
                List.of(new InjectedFile("db", "secret/data/agent/db", """
                        {{- with secret "secret/data/agent/db" -}}
                        export DB_PASSWORD="{{ .Data.data.password }}"
                        {{- end }}""", "db.env", "0400"),
                        new InjectedFile("raw", "secret/data/agent/db", null, "raw", null)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.coffer.cli.Main", "agent", mode,
                "--config", JSON.writeValueAsString(spec), "--vault-addr", vault.url(),
                "--token-file", work.resolve("token").toString(), "--poll-interval", "1s", "--tick", "1s");
    }

    @Test
    void initModeLogsInWithTheServiceAccountRendersTheFilesAndExits() throws Exception {
        PeerProcess.run("agent-init", agent("--init"), work, Duration.ofMinutes(2));
        assertThat(Files.readString(work.resolve("secrets/db.env"))).isEqualTo("export DB_PASSWORD=\"" + CANARY_V1 + "\"");
        assertThat(Files.readString(work.resolve("secrets/raw"))).startsWith("data: map[password:" + CANARY_V1 + " username:app]\n");
        String log = Files.readString(work.resolve("agent-init.log"));
        assertThat(log).contains("rendered db.env").doesNotContain(CANARY_V1);
    }

    @Test
    void sidecarModeReRendersAfterAChangeInVault() throws Exception {
        PeerProcess sidecar = PeerProcess.start("agent-sidecar", agent("--sidecar"), work, Map.of());
        started.add(sidecar);
        Path file = work.resolve("secrets/db.env");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(file) && Files.readString(file).contains(CANARY_V1));
        vault.write("secret/data/agent/db", Map.of("data", Map.of("username", "app", "password", CANARY_V2)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(file).contains(CANARY_V2));
        sidecar.assertAlive();
        assertThat(sidecar.tail(50)).contains("rendered db.env").doesNotContain(CANARY_V1, CANARY_V2);
    }
}
