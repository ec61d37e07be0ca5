package dev.coffer.peers.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.PeerBinaries;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kubernetes auth on real programs: Vault's {@code auth/kubernetes} checks each login JWT with
 * a TokenReview on the real kube-apiserver (its URL, CA and a token-reviewer JWT of a
 * ServiceAccount bound to {@code system:auth-delegator}); Coffer's store with
 * {@code auth.kubernetes.serviceAccountRef} obtains the JWT from that API server's TokenRequest.
 * A second mount, whose reviewer lacks the binding, shows that Vault really asks the API server.
 * Skipped (one line) without the API server peer or Vault.
 */
@Tag("peers")
class VaultKubernetesAuthPeerTest {

    private static final String APP_NAMESPACE = VaultStores.NAMESPACE;
    private static final String REVIEWER_NAMESPACE = "vault-system";

    private static KubeApiServerPeer kube;
    private static VaultDevServer vault;

    @BeforeAll
    static void startPeers() {
        PeerBinaries.require("vault", "vault"); // skip before starting anything when a peer is missing
        kube = KubeApiServerPeer.shared();
        vault = VaultDevServer.start();

        kube.ensureServiceAccount(REVIEWER_NAMESPACE, "vault-reviewer");
        kube.ensureServiceAccount(REVIEWER_NAMESPACE, "vault-no-review");
        kube.admin().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName("coffer-vault-token-review").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("system:auth-delegator").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace(REVIEWER_NAMESPACE).withName("vault-reviewer").endSubject()
                .build()).createOr(existing -> existing.update());
        kube.ensureServiceAccount(APP_NAMESPACE, "app-reader");
        kube.ensureServiceAccount(APP_NAMESPACE, "stranger");

        vault.write("sys/policies/acl/read-app", Map.of("policy", "path \"secret/data/app\" { capabilities = [\"read\"] }"));
        vault.write("secret/data/app", Map.of("data", Map.of("k", "from-vault")));
        mountKubernetesAuth("kubernetes", "vault-reviewer");
        mountKubernetesAuth("kubernetes-no-review", "vault-no-review");
    }

    /** An auth/kubernetes mount checking JWTs with {@code reviewer}'s token, and its role "coffer" for app-reader. */
    private static void mountKubernetesAuth(String mount, String reviewer) {
        vault.write("sys/auth/" + mount, Map.of("type", "kubernetes"));
        vault.write("auth/" + mount + "/config", Map.of("kubernetes_host", kube.url(), "kubernetes_ca_cert", kube.caPem(),
                "token_reviewer_jwt", kube.serviceAccountToken(REVIEWER_NAMESPACE, reviewer, Duration.ofHours(1))));
        vault.write("auth/" + mount + "/role/coffer", Map.of("bound_service_account_names", List.of("app-reader"),
                "bound_service_account_namespaces", List.of(APP_NAMESPACE), "token_policies", List.of("read-app"),
                "token_ttl", "1h"));
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    private static VaultProvider store(String mount, String serviceAccount) {
        VaultProvider v = VaultStores.kubernetesAuth(VaultStores.kv2(vault.url()), "coffer", serviceAccount);
        v.auth.kubernetes.mountPath = mount;
        return v;
    }

    /** Reads secret/app through a fresh client whose Kubernetes access is the real API server. */
    private static String read(VaultProvider v) {
        try (SecretsClient c = new VaultProviderImpl(Clock.systemUTC(), Path.of("/nonexistent"))
                .newClient(VaultStores.context(v, new ApiServerKubeAccess(kube.admin())))) {
            c.validate();
            return new String(c.getSecret(remote("app", "k")), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aServiceAccountTokenFromTokenRequestLogsInThroughTheApiServersTokenReview() {
        int before = vault.list("auth/token/accessors").size();
        assertThat(read(store("kubernetes", "app-reader"))).isEqualTo("from-vault");
        assertThat(vault.list("auth/token/accessors")).as("the login token was revoked when the client closed")
                .hasSize(before);
    }

    @Test
    void aServiceAccountTheRoleDoesNotBindIsAccessDenied() {
        assertThatThrownBy(() -> read(store("kubernetes", "stranger"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("kubernetes auth at auth/kubernetes (role coffer)").hasMessageContaining("HTTP 403")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void aReviewerWithoutAuthDelegatorCannotConfirmTheToken() {
        assertThatThrownBy(() -> read(store("kubernetes-no-review", "app-reader"))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("kubernetes auth at auth/kubernetes-no-review").hasMessageContaining("HTTP 403")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }
}
