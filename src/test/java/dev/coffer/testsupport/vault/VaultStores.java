package dev.coffer.testsupport.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.api.externalsecrets.v1.providers.VaultAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.StoreFixtures;

/** Small builders for Vault store specs, contexts and remote references in tests. */
public final class VaultStores {

    public static final String NAMESPACE = "apps";

    private VaultStores() {
    }

    /** A KV v2 store on mount "secret" at {@code server}, without auth. */
    public static VaultProvider kv2(String server) {
        VaultProvider v = new VaultProvider();
        v.server = server;
        v.path = "secret";
        v.auth = new VaultAuth();
        return v;
    }

    /** Kubernetes auth with a service-account token from the TokenRequest API. */
    public static VaultProvider kubernetesAuth(VaultProvider v, String role, String serviceAccount) {
        v.auth.kubernetes = new VaultKubernetesAuth();
        v.auth.kubernetes.mountPath = "kubernetes";
        v.auth.kubernetes.role = role;
        v.auth.kubernetes.serviceAccountRef = new ServiceAccountSelector();
        v.auth.kubernetes.serviceAccountRef.name = serviceAccount;
        return v;
    }

    public static StoreContext context(VaultProvider v, KubeAccess kube) {
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.provider = new SecretStoreProvider();
        spec.provider.vault = v;
        return StoreFixtures.secretStore(NAMESPACE, "vault", spec, kube);
    }

    public static SecretKeySelector ref(String name, String key) {
        SecretKeySelector s = new SecretKeySelector();
        s.name = name;
        s.key = key;
        return s;
    }

    public static ExternalSecretDataRemoteRef remote(String key) {
        return remote(key, null);
    }

    public static ExternalSecretDataRemoteRef remote(String key, String property) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        r.property = property;
        return r;
    }
}
