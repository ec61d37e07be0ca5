package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultAppRole;
import dev.coffer.api.externalsecrets.v1.providers.VaultClientTLS;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static validation of the vault block and the Secret keys it reads. */
class VaultValidationTest {

    private final VaultProviderImpl provider = new VaultProviderImpl();
    private final InMemoryKube kube = new InMemoryKube();

    private void invalid(Consumer<VaultProvider> change, String message) {
        VaultProvider v = VaultStores.kv2("https://vault.example:8200");
        change.accept(v);
        assertThatThrownBy(() -> provider.validate(VaultStores.context(v, kube))).isInstanceOf(ProviderException.class)
                .hasMessageContaining(message).extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void rejectsBadBlocksNamingTheField() {
        invalid(v -> v.server = "vault:8200", "must be an http:// or https:// URL");
        invalid(v -> v.headers = Map.of("Host", "x"), "header \"Host\" cannot be set");
        invalid(v -> {
            v.tls = new VaultClientTLS();
            v.tls.certSecretRef = ref("tls", "tls.crt");
        }, "tls needs both");
        invalid(v -> {
            v.auth.appRole = new VaultAppRole();
            v.auth.appRole.path = "approle";
            v.auth.appRole.secretRef = ref("s", "k");
        }, "appRole needs roleId or roleRef");
        invalid(v -> {
            v.auth.tokenSecretRef = ref("t", "token");
            v.auth.kubernetes = new VaultKubernetesAuth();
        }, "auth must set one method");
        invalid(v -> {
            v.auth.tokenSecretRef = ref("t", "token");
            v.auth.tokenSecretRef.namespace = "elsewhere";
        }, "may only reference Secrets in its own namespace");
    }

    @Test
    void listsTheCredentialSecretKeysWithUpstreamDefaults() {
        VaultProvider v = VaultStores.kv2("https://vault.example:8200");
        v.auth.kubernetes = new VaultKubernetesAuth();
        v.auth.kubernetes.mountPath = "kubernetes";
        v.auth.kubernetes.role = "r";
        v.auth.kubernetes.secretRef = ref("sa", null);
        assertThat(provider.credentialRefs(VaultStores.context(v, kube))).extracting(s -> s.name + "/" + s.key)
                .containsExactly("sa/token");
    }

    @Test
    void isRegisteredUnderItsBlockName() {
        VaultProvider v = VaultStores.kv2("https://vault.example:8200");
        assertThat(ProviderRegistry.standard().forBlock(VaultStores.context(v, kube).spec().provider))
                .isInstanceOf(VaultProviderImpl.class);
    }
}
