package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.api.externalsecrets.v1.providers.VaultIamAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultJwtAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesServiceAccountTokenAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultLdapAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.api.externalsecrets.v1.providers.VaultUserPassAuth;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each login method against the local Vault: the right endpoint, the right credentials, one login. */
class VaultAuthTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "approle", Map.of("role-id", "rid-1", "secret-id", "sid-1"))
            .secret(VaultStores.NAMESPACE, "sa-jwt", Map.of("token", "jwt-from-secret"))
            .secret(VaultStores.NAMESPACE, "password", Map.of("password", "pw-1"));
    private VaultTestServer vault;
    private SecretsClient client;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2);
        vault.put("secret", "app", Map.of("k", "v"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    private String read(VaultProvider v) {
        client = new VaultProviderImpl(clock, tmp.resolve("sa-token")).newClient(VaultStores.context(v, kube));
        return new String(client.getSecret(remote("app", "k")), StandardCharsets.UTF_8);
    }

    @Test
    void appRoleWithInlineRoleIdAndWithRoleRef() {
        vault.accept("approle", "rid-1:sid-1").accept("team-approle", "rid-1:sid-1");
        VaultProvider v = VaultStores.kv2(vault.url());
        VaultStores.appRole(v, "approle", "rid-1", ref("approle", "secret-id"));
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.auth.appRole.path = "team-approle";
        v.auth.appRole.roleId = null;
        v.auth.appRole.roleRef = ref("approle", "role-id");
        assertThat(read(v)).isEqualTo("v");
        assertThat(vault.count("login:approle")).isEqualTo(1);
        assertThat(vault.count("login:team-approle")).isEqualTo(1);
    }

    @Test
    void kubernetesWithServiceAccountRefUsesTheTokenRequestApi() {
        vault.accept("k8s", "coffer:" + InMemoryKube.tokenFor(VaultStores.NAMESPACE, "coffer-sa"));
        VaultProvider v = VaultStores.kubernetesAuth(VaultStores.kv2(vault.url()), "coffer", "coffer-sa");
        v.auth.kubernetes.mountPath = "k8s";
        v.auth.kubernetes.serviceAccountRef.audiences = List.of("vault-aud");
        assertThat(read(v)).isEqualTo("v");
        assertThat(vault.count("login:k8s")).isEqualTo(1);
        assertThat(kube.tokenRequests()).containsExactly(new InMemoryKube.TokenRequest(VaultStores.NAMESPACE, "coffer-sa",
                List.of("vault-aud"), 600));
    }

    @Test
    void kubernetesWithSecretRefOrCoffersOwnToken() throws Exception {
        vault.accept("kubernetes", "coffer:jwt-from-secret").accept("kubernetes", "coffer:own-jwt");
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.kubernetes = new VaultKubernetesAuth();
        v.auth.kubernetes.mountPath = "kubernetes";
        v.auth.kubernetes.role = "coffer";
        v.auth.kubernetes.secretRef = ref("sa-jwt", null); // key defaults to "token"
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.auth.kubernetes.secretRef = null;
        Files.writeString(tmp.resolve("sa-token"), "own-jwt\n");
        assertThat(read(v)).isEqualTo("v");
        assertThat(vault.logins()).isEqualTo(2);
        assertThat(kube.tokenRequests()).isEmpty();
    }

    @Test
    void jwtWithSecretRefAndWithAServiceAccountToken() {
        vault.accept("jwt", "reader:jwt-from-secret")
                .accept("oidc", "reader:" + InMemoryKube.tokenFor(VaultStores.NAMESPACE, "builder"));
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.jwt = new VaultJwtAuth();
        v.auth.jwt.path = "jwt";
        v.auth.jwt.role = "reader";
        v.auth.jwt.secretRef = ref("sa-jwt", "token");
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.auth.jwt.path = "oidc";
        v.auth.jwt.secretRef = null;
        v.auth.jwt.kubernetesServiceAccountToken = new VaultKubernetesServiceAccountTokenAuth();
        v.auth.jwt.kubernetesServiceAccountToken.serviceAccountRef = new ServiceAccountSelector();
        v.auth.jwt.kubernetesServiceAccountToken.serviceAccountRef.name = "builder";
        v.auth.jwt.kubernetesServiceAccountToken.serviceAccountRef.audiences = List.of("sa-aud");
        v.auth.jwt.kubernetesServiceAccountToken.expirationSeconds = 900L;
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.auth.jwt.kubernetesServiceAccountToken.audiences = List.of("extra");
        assertThat(read(v)).isEqualTo("v");
        assertThat(kube.tokenRequests()).extracting(InMemoryKube.TokenRequest::audiences)
                .containsExactly(List.of("sa-aud", "vault"), List.of("sa-aud", "extra"));
        assertThat(kube.tokenRequests()).extracting(InMemoryKube.TokenRequest::expirationSeconds).containsOnly(900L);
    }

    @Test
    void userPassAndLdap() {
        vault.accept("userpass", "alice:pw-1").accept("corp-ldap", "bob:pw-1");
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.userPass = new VaultUserPassAuth();
        v.auth.userPass.path = "userpass";
        v.auth.userPass.username = "alice";
        v.auth.userPass.secretRef = ref("password", "password");
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.auth.userPass = null;
        v.auth.ldap = new VaultLdapAuth();
        v.auth.ldap.path = "corp-ldap";
        v.auth.ldap.username = "bob";
        v.auth.ldap.secretRef = ref("password", "password");
        assertThat(read(v)).isEqualTo("v");
        assertThat(vault.seen()).extracting(VaultTestServer.Seen::path)
                .contains("auth/userpass/login/alice", "auth/corp-ldap/login/bob");
    }

    @Test
    void authNamespaceGoesToTheLoginAndTheStoreNamespaceToReads() {
        vault.accept("approle", "rid-1:sid-1");
        VaultProvider v = VaultStores.kv2(vault.url());
        v.namespace = "team-a";
        v.auth.namespace = "admin";
        VaultStores.appRole(v, "approle", "rid-1", ref("approle", "secret-id"));
        read(v);
        assertThat(vault.seen()).filteredOn(s -> s.path().startsWith("auth/")).extracting(VaultTestServer.Seen::namespace)
                .containsOnly("admin");
        assertThat(vault.seen()).filteredOn(s -> s.path().startsWith("secret/")).extracting(VaultTestServer.Seen::namespace)
                .containsOnly("team-a");
    }

    @Test
    void aRejectedLoginIsAccessDeniedAndNamesTheMethod() {
        vault.authMount("approle");
        VaultProvider v = VaultStores.kv2(vault.url());
        VaultStores.appRole(v, "approle", "rid-1", ref("approle", "secret-id"));
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("appRole auth at auth/approle").hasMessageNotContaining("sid-1")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    /**
     * Real Vault refuses a token-less login under a path with no auth mount with 403, and wrong
     * credentials at an existing mount with 400: both are ACCESS_DENIED, and the message names
     * the mount so that a wrong mountPath can be seen.
     */
    @Test
    void aLoginAtAMountVaultDoesNotHaveIsAccessDeniedNamingTheMount() {
        vault.accept("approle", "rid-1:sid-1");
        VaultProvider v = VaultStores.kv2(vault.url());
        VaultStores.appRole(v, "app-role", "rid-1", ref("approle", "secret-id"));
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("appRole auth at auth/app-role")
                .hasMessageNotContaining("sid-1")
                .extracting("kind").isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void iamAndGcpAreNotSupportedYet() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.iam = new VaultIamAuth();
        v.auth.iam.vaultRole = "r";
        var provider = new VaultProviderImpl();
        assertThatThrownBy(() -> provider.validate(VaultStores.context(v, kube))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("auth.iam is not supported yet")
                .extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        v.auth.iam = null;
        v.auth.gcp = new dev.coffer.api.externalsecrets.v1.providers.VaultGcpAuth();
        assertThatThrownBy(() -> provider.validate(VaultStores.context(v, kube)))
                .hasMessageContaining("auth.gcp is not supported yet");
    }
}
