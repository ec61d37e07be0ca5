package dev.coffer.testsupport.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.api.externalsecrets.v1.providers.VaultAppRole;
import dev.coffer.api.externalsecrets.v1.providers.VaultAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.TestResources;

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

    /** AppRole auth at {@code auth/<path>} with an inline role id and the secret id from {@code secretRef}. */
    public static VaultProvider appRole(VaultProvider v, String path, String roleId, SecretKeySelector secretRef) {
        v.auth.appRole = new VaultAppRole();
        v.auth.appRole.path = path;
        v.auth.appRole.roleId = roleId;
        v.auth.appRole.secretRef = secretRef;
        return v;
    }

    /**
     * VaultDynamicSecret {@code db} reading {@code database/creds/app} from {@code server};
     * {@code auth} is the YAML of its {@code provider.auth} block, one line per entry.
     */
    public static VaultDynamicSecret databaseGenerator(String ns, String server, String auth) {
        return Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: VaultDynamicSecret
                metadata: {name: db, namespace: %s}
                spec:
                  path: database/creds/app
                  provider:
                    server: %s
                    auth:
                %s""".formatted(ns, server, auth.indent(6)), VaultDynamicSecret.class);
    }

    /** ExternalSecret {@code app}: the values of VaultDynamicSecret {@code db} into Secret {@code db-credentials}, hourly. */
    public static ExternalSecret dynamicSecretConsumer(String ns) {
        return TestResources.externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app, namespace: %s}
                spec:
                  refreshInterval: 1h
                  target: {name: db-credentials}
                  dataFrom:
                  - sourceRef:
                      generatorRef: {apiVersion: generators.external-secrets.io/v1alpha1, kind: VaultDynamicSecret, name: db}
                """.formatted(ns));
    }

    public static StoreContext context(VaultProvider v, KubeAccess kube) {
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.provider = new SecretStoreProvider();
        spec.provider.vault = v;
        return StoreFixtures.secretStore(NAMESPACE, "vault", spec, kube);
    }

    /**
     * A client of the KV store at {@code server} ("secret", v2, or "kv1", v1) logged in with the
     * token in Secret apps/vault-token, key "token".
     */
    public static dev.coffer.provider.SecretsClient tokenClient(String server, boolean v2, KubeAccess kube, java.time.Clock clock) {
        VaultProvider v = kv2(server);
        if (!v2) {
            v.path = "kv1";
            v.version = dev.coffer.api.externalsecrets.v1.providers.VaultKVStoreVersion.v1;
        }
        v.auth.tokenSecretRef = ref("vault-token", "token");
        return new dev.coffer.provider.vault.VaultProviderImpl(clock, java.nio.file.Path.of("/nonexistent")).newClient(context(v, kube));
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
